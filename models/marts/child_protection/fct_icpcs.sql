with

icpcs as (select * from {{ ref('int_icpcs_joined_to_s47') }}),

final as (

    select
        {{ contracted_columns() }}
    from icpcs

)

select * from final
