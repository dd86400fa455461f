-- kpis.md "Working days": the calendar must cover every date in the data; a date outside it
-- is an error, not a working day. assessments_overdue counts working days from the start of
-- every assessment still open at a period end, so such an assessment whose start lies
-- outside dim_dates would silently drop out of the count: stop the build instead.
with assessments as (
    select * from {{ ref('stg_ssd__cin_assessments') }}
),

first_period as (
    select min(period_end) as first_period_end
    from {{ ref('dim_reporting_periods') }}
)

select
    assessments.assessment_id,
    assessments.assessment_start_date
from assessments
cross join first_period
where assessments.assessment_start_date is not null
    and (
        assessments.assessment_start_date < {{ calendar_start_date() }}
        or assessments.assessment_start_date > {{ calendar_end_date() }}
    )
    and (
        assessments.assessment_auth_date is null
        or assessments.assessment_auth_date > first_period.first_period_end
    )
