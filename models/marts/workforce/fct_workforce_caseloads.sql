-- One row per social worker and reporting period in which the worker holds at least one
-- involvement open at the period end: the caseload_average numerator and denominator at the
-- worker's grain.

with

caseloads as (select * from {{ ref('int_workforce_caseloads_at_period') }}),

final as (

    select
        professional_id,
        period_month,
        period_end,
        open_involvement_count,
        fte,
        team_id,
        service
    from caseloads

)

select * from final
