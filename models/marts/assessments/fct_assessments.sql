with

assessments as (select * from {{ ref('int_assessments_timed') }}),

final as (

    select
        {{ contracted_columns() }}
    from assessments

)

select * from final
