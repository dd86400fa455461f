{#
    Assessments KPIs of kpis.md (see _int_kpis__marts_one.yml): an assessment authorised
    in the month is a unit of the month KPIs, one open and overdue at P of
    assessments_overdue.
#}

with

{{ kpi_periods('assessments') }},

assessments as (select * from {{ ref('int_assessments_timed') }}),

calendar as (select * from {{ ref('int_dates') }}),

authorised_in_windows as (

    {{ kpi_rows(
        'assessments',
        ['assessments_completed', 'assessment_timeliness', 'assessment_child_seen_rate', 'assessment_nfa_rate'],
        'assessment_auth_date',
    ) }}

),

period_range as (

    select
        min(period_end) as first_period_end,
        max(period_end) as last_period_end
    from periods

),

assessments_in_range as (

    -- assessments that can be open at some period end: authorised history drops out
    -- before the join
    select assessments.*
    from assessments
    cross join period_range
    where
        {{ is_open_during('assessments.assessment_start_date', 'assessments.assessment_auth_date',
                          'period_range.first_period_end', 'period_range.last_period_end') }}

),

open_at_period_end as (

    -- started on or before P and not authorised on or before P: an interval join that
    -- expands each assessment only to the periods it is open in
    select
        periods.period_end,
        assessments_in_range.*
    from assessments_in_range
    inner join periods
        on {{ is_open_at('assessments_in_range.assessment_start_date',
                         'assessments_in_range.assessment_auth_date', 'periods.period_end') }}

),

overdue_at_period_end as (

    -- the timescale runs from the assessment start here, whatever the clock-start var;
    -- a start outside the working-day calendar gives null working days, so the assessment
    -- is left out (kpis.md: such a date is an error, not a working day), and
    -- csc_date_outside_calendar reports it as excluded from assessments_overdue
    select *
    from (
        {{ with_working_days('open_at_period_end', 'assessment_start_date', 'period_end',
                             'working_days_open', calendar='calendar') }}
    ) as open_with_working_days
    where working_days_open > {{ var('assessment_timescale_working_days') }}

),

units as (

    select
        kpi_id,
        period_end,
        case
            when kpi_id = 'assessment_timeliness' then case when is_within_timescale then 1 else 0 end
            when kpi_id = 'assessment_child_seen_rate' then case when is_child_seen then 1 else 0 end
            when kpi_id = 'assessment_nfa_rate' then case when is_outcome_nfa then 1 else 0 end
            else 1
        end as numerator,
        1 as denominator,
        locality,
        coalesce(team_id, 'unknown') as team
    from authorised_in_windows
    where kpi_id != 'assessment_timeliness' or is_in_timeliness_population

    union all

    select
        'assessments_overdue' as kpi_id,
        period_end,
        1 as numerator,
        1 as denominator,
        locality,
        coalesce(team_id, 'unknown') as team
    from overdue_at_period_end

),

{{ kpi_values_from_units(['locality', 'team']) }}

select * from final
