{#
    Assessments KPIs of kpis.md (see _int_kpis__marts_one.yml): an assessment authorised
    in the month is a unit of the month KPIs, one open and overdue at P of
    assessments_overdue.

    assessment_factor_share (kpis-inspection.md) has multi-valued breakdowns: one
    assessment may carry several factors. Its `all` row goes through the scaffold (each
    assessment of the population a unit, counted when it has a factor other than 21); its
    `factor` and `factor_group` rows are added after it: for each value carried by at least
    one assessment of the window, the numerator is the assessments carrying it and the
    denominator the whole population (not only those carrying it), so they are not a sum.
#}
{%- set breakdowns = ['locality', 'team'] %}

with

{{ kpi_periods('assessments') }},

assessments as (select * from {{ ref('int_assessments_timed') }}),

calendar as (select * from {{ ref('int_dates') }}),

factor_values as (select * from {{ ref('int_assessment_factors') }}),

factor_values_in_windows as (

    {{ kpi_rows('factor_values', ['assessment_factor_share'], 'assessment_auth_date') }}

),

factor_population as (

    -- one row per assessment of the population of each period
    select distinct
        kpi_id,
        period_end,
        assessment_id,
        has_factor_other_than_21
    from factor_values_in_windows

),

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

-- the timescale runs from the assessment start here, whatever the clock-start var;
-- a start outside the working-day calendar gives null working days, so the assessment
-- is left out (kpis.md: such a date is an error, not a working day), and
-- csc_date_outside_calendar reports it as excluded from assessments_overdue.
-- materialized: the working days are counted for every open assessment before the filter
-- below reads them. Inlined, PostgreSQL pushed `working_days_open > 45` down into a join of
-- the calendar with itself (73,049 x 73,049 days) and did not finish on the demo; the
-- result is the same either way.
open_with_working_days as {{ cte_materialized() }} (
    {{ with_working_days('open_at_period_end', 'assessment_start_date', 'period_end',
                         'working_days_open', calendar='calendar') }}
),

overdue_at_period_end as (

    select *
    from open_with_working_days
    where working_days_open > {{ var('assessment_timescale_working_days') }}

),

units as (

    {{ kpi_units(
        'authorised_in_windows', breakdowns,
        numerator=kpi_indicator({
            'assessment_timeliness': 'is_within_timescale',
            'assessment_child_seen_rate': 'is_child_seen',
            'assessment_nfa_rate': 'is_outcome_nfa',
        }),
        values={'locality': 'locality', 'team': "coalesce(team_id, 'unknown')"}
    ) }}
    where kpi_id != 'assessment_timeliness' or is_in_timeliness_population

    union all

    {{ kpi_units(
        'overdue_at_period_end', breakdowns, kpi_id="'assessments_overdue'",
        values={'locality': 'locality', 'team': "coalesce(team_id, 'unknown')"}
    ) }}

    union all

    -- assessment_factor_share, all row: assessments with a factor other than 21
    {{ kpi_units('factor_population', breakdowns, numerator='case when has_factor_other_than_21 then 1 else 0 end') }}

),

factor_population_counts as (

    select
        factor_population.kpi_id,
        factor_population.period_end,
        count(*) as population
    from factor_population
    group by factor_population.kpi_id, factor_population.period_end

),

{{ kpi_values_from_units(breakdowns) }},

factor_breakdown_rows as (

    -- the multi-valued breakdowns: carriers of the value over the whole population
    select
        carriers.kpi_id,
        periods.period_month,
        carriers.period_end,
        carriers.breakdown,
        carriers.breakdown_value,
        cast(count(distinct carriers.assessment_id) as {{ type_double() }}) as numerator,
        cast(max(population_counts.population) as {{ type_double() }}) as denominator,
        max(kpis.unit) as unit
    from factor_values_in_windows as carriers
    inner join periods
        on carriers.period_end = periods.period_end
    inner join kpis
        on carriers.kpi_id = kpis.kpi_id
    inner join factor_population_counts as population_counts
        on carriers.kpi_id = population_counts.kpi_id and carriers.period_end = population_counts.period_end
    where {{ dbt.position("'|' || carriers.breakdown || '|'", 'kpis.breakdown_list') }} > 0
    group by carriers.kpi_id, periods.period_month, carriers.period_end, carriers.breakdown, carriers.breakdown_value

),

with_factor_breakdowns as (

    select * from final
    union all
    select * from factor_breakdown_rows

)

select * from with_factor_breakdowns
