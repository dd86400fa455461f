-- One row per social worker and reporting period in which the worker holds at least one
-- involvement open at the period end: the caseload_average numerator and denominator at the
-- worker's grain. The reporting periods are those of dim_reporting_periods (the months; the
-- month to date comparison period that the KPI models also compute is not one).

with

caseloads as (select * from {{ ref('int_workforce_caseloads_at_period') }}),

periods as (select * from {{ ref('dim_reporting_periods') }}),

final as (

    select
        caseloads.professional_id,
        caseloads.period_month,
        caseloads.period_end,
        caseloads.open_involvement_count,
        caseloads.fte,
        caseloads.team_id,
        caseloads.service
    from caseloads
    inner join periods
        on caseloads.period_end = periods.period_end

)

select * from final
