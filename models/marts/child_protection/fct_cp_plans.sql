with

plans as (select * from {{ ref('int_cp_plans_flagged') }}),

final as (

    select
        {{ contracted_columns() }}
    from plans

)

select * from final
