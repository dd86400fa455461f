with

plans as (select * from {{ ref('int_cin_plans_visited') }}),

final as (

    select
        {{ contracted_columns() }}
    from plans

)

select * from final
