-- One row per child and reporting period in which the child has a CLA episode open at the
-- period end P, with everything the Children in care KPIs need at P (kpis.md). Records are
-- joined to the periods they are open in (or whose windows they fall in), so the cost grows
-- with records, not records x periods.

{%- set visit_days = var('cla_visit_interval_days') %}

with

reporting_periods as (

    select
        period_month,
        period_end,
        cast({{ dbt.dateadd('day', -visit_days, 'period_end') }} as date) as visit_standard_start_date,
        cast({{ dbt.dateadd('month', -12, 'period_end') }} as date) as twelve_months_before_date,
        cast({{ dbt.dateadd('day', 1, dbt.dateadd('month', -12, 'period_end')) }} as date)
            as window_12m_first_date,
        cast({{ dbt.dateadd('month', -24, 'period_end') }} as date) as two_years_before_date,
        cast({{ dbt.dateadd('month', -30, 'period_end') }} as date) as thirty_months_before_date
    from {{ ref('int_reporting_periods') }}

),

episodes as (select * from {{ ref('int_cla_episodes') }}),

periods_of_care as (select * from {{ ref('int_cla_periods_of_care') }}),

legal_statuses as (select * from {{ ref('int_cla_legal_statuses') }}),

placement_rows as (select * from {{ ref('int_cla_placement_rows') }}),

placements as (select * from {{ ref('int_cla_placements') }}),

visits as (select * from {{ ref('stg_ssd__cla_visits') }}),

health_checks as (select * from {{ ref('stg_ssd__cla_health_checks') }}),

persons as (select * from {{ ref('stg_ssd__persons') }}),

-- the period of care open at P: that of an episode open at P; several: latest start, then
-- greatest period id as text
open_periods_of_care_ranked as (

    select
        episodes.child_key,
        reporting_periods.period_month,
        reporting_periods.period_end,
        periods_of_care.period_of_care_id,
        periods_of_care.period_start_date,
        {{ current_record_rank(
            ['episodes.child_key', 'reporting_periods.period_end'],
            ['periods_of_care.period_start_date', 'periods_of_care.period_of_care_id']
        ) }} as period_of_care_rank
    from episodes
    inner join reporting_periods
        on {{ is_open_at(
            'episodes.episode_start_date', 'episodes.episode_ceased_date', 'reporting_periods.period_end'
        ) }}
    inner join periods_of_care
        on episodes.child_key = periods_of_care.child_key
        and episodes.period_of_care_id = periods_of_care.period_of_care_id
        and episodes.is_own_period_of_care = periods_of_care.is_own_period_of_care

),

children_in_care_at_period as (

    select * from open_periods_of_care_ranked
    where period_of_care_rank = 1

),

legal_statuses_at_period_ranked as (

    select
        legal_statuses.child_key,
        reporting_periods.period_end,
        legal_statuses.legal_status_code,
        legal_statuses.is_known_legal_status,
        legal_statuses.is_short_break,
        {{ current_record_rank(
            ['legal_statuses.child_key', 'reporting_periods.period_end'],
            ['legal_statuses.legal_status_start_date', 'legal_statuses.legal_status_id']
        ) }} as legal_status_rank
    from legal_statuses
    inner join reporting_periods
        on {{ is_open_at(
            'legal_statuses.legal_status_start_date',
            'legal_statuses.legal_status_end_date',
            'reporting_periods.period_end'
        ) }}

),

legal_status_at_period as (

    select * from legal_statuses_at_period_ranked
    where legal_status_rank = 1

),

-- the placement type at P: the non-temporary placement row open at P
placement_rows_at_period_ranked as (

    select
        placement_rows.child_key,
        reporting_periods.period_end,
        placement_rows.placement_type_code,
        placement_rows.is_known_placement_type,
        placement_rows.is_placed_over_20_miles,
        placement_rows.placement_la_location,
        {{ current_record_rank(
            ['placement_rows.child_key', 'reporting_periods.period_end'],
            ['placement_rows.placement_start_date', 'placement_rows.cla_placement_id']
        ) }} as placement_row_rank
    from placement_rows
    inner join reporting_periods
        on {{ is_open_at(
            'placement_rows.placement_start_date',
            'placement_rows.placement_end_date',
            'reporting_periods.period_end'
        ) }}

),

placement_row_at_period as (

    select * from placement_rows_at_period_ranked
    where placement_row_rank = 1

),

-- the placement at P (for long-term stability): the merged placement open at P
placements_at_period_ranked as (

    select
        placements.child_key,
        reporting_periods.period_end,
        placements.merged_placement_id,
        placements.placement_start_date,
        {{ current_record_rank(
            ['placements.child_key', 'reporting_periods.period_end'],
            ['placements.placement_start_date', 'placements.merged_placement_id']
        ) }} as placement_rank
    from placements
    inner join reporting_periods
        on {{ is_open_at(
            'placements.placement_start_date',
            'placements.placement_end_date',
            'reporting_periods.period_end'
        ) }}

),

placement_at_period as (

    select * from placements_at_period_ranked
    where placement_rank = 1

),

-- merged placements open at some time in (P - 12 months, P]:
-- start <= P and (end is null or end > greatest(start, P - 12 months + 1 day))
placements_in_12m as (

    select
        placements.child_key,
        reporting_periods.period_end,
        count(*) as placements_in_12m_count
    from placements
    inner join reporting_periods
        on {{ is_open_during(
            'placements.placement_start_date',
            'placements.placement_end_date',
            'reporting_periods.window_12m_first_date',
            'reporting_periods.period_end'
        ) }}
    where placements.placement_end_date is null
        or placements.placement_end_date > placements.placement_start_date
    group by placements.child_key, reporting_periods.period_end

),

health_checks_in_12m as (

    select
        health_checks.child_key,
        reporting_periods.period_end,
        max(case when health_checks.health_check_type_code = 'HEALTH_ASSESSMENT' then 1 else 0 end)
            as has_health_assessment,
        max(case when health_checks.health_check_type_code = 'DENTAL_CHECK' then 1 else 0 end)
            as has_dental_check
    from health_checks
    inner join reporting_periods
        on health_checks.health_check_date <= reporting_periods.period_end
        and health_checks.health_check_date > reporting_periods.twelve_months_before_date
    where health_checks.health_check_status_code = 'COMPLETED'
    group by health_checks.child_key, reporting_periods.period_end

),

-- the latest seen visit on or before P, carried forward in one ordered stream per child of
-- seen visits and the child's period ends (a visit on P sorts before P, so it counts): a
-- seen visit within the visiting standard that is on or after the period-of-care start exists
-- exactly when this latest one is on or after both (checked in final). One sort of
-- visits + child-periods, so the cost is linear in what the model outputs; a join of
-- visits to periods and then to children, planned by DuckDB on the child alone at 4x county
-- size, made every visit-period of a child meet every period of that child.
visit_events as (

    select
        child_key,
        period_end as event_date,
        1 as event_order,
        period_end,
        cast(null as date) as seen_visit_date
    from children_in_care_at_period

    union all

    select
        child_key,
        cla_visit_date as event_date,
        0 as event_order,
        cast(null as date) as period_end,
        cla_visit_date as seen_visit_date
    from visits
    where
        is_child_seen
        and cla_visit_date is not null
        and child_key is not null

),

latest_seen_visits as (

    select
        child_key,
        period_end,
        max(seen_visit_date) over (
            partition by child_key order by event_date, event_order
            rows between unbounded preceding and current row
        ) as latest_seen_visit_date
    from visit_events

),

visits_matched as (

    select
        latest_seen_visits.child_key,
        latest_seen_visits.period_end,
        latest_seen_visits.latest_seen_visit_date
    from latest_seen_visits
    where latest_seen_visits.period_end is not null

),

joined as (

    select
        children_in_care_at_period.child_key,
        children_in_care_at_period.period_month,
        children_in_care_at_period.period_end,
        children_in_care_at_period.period_of_care_id,
        children_in_care_at_period.period_start_date as period_of_care_start_date,
        legal_status_at_period.legal_status_code,
        coalesce(legal_status_at_period.is_known_legal_status, false) as is_known_legal_status,
        coalesce(legal_status_at_period.is_short_break, false) as is_short_break_at_period,
        placement_row_at_period.placement_type_code,
        coalesce(placement_row_at_period.is_known_placement_type, false) as is_known_placement_type,
        coalesce(placement_row_at_period.is_placed_over_20_miles, false) as is_placed_over_20_miles,
        coalesce(placement_row_at_period.placement_la_location, 'unknown') as placement_la_location,
        placement_at_period.merged_placement_id as current_placement_id,
        placement_at_period.placement_start_date as current_placement_start_date,
        coalesce(placements_in_12m.placements_in_12m_count, 0) as placements_in_12m_count,
        {{ age_at('persons.birth_date', 'children_in_care_at_period.period_end') }} as age_at_period,
        coalesce(
            visits_matched.latest_seen_visit_date >= reporting_periods.visit_standard_start_date
            and visits_matched.latest_seen_visit_date >= children_in_care_at_period.period_start_date,
            false
        ) as has_seen_visit_in_standard,
        coalesce(health_checks_in_12m.has_health_assessment, 0) = 1 as has_health_assessment_12m,
        coalesce(health_checks_in_12m.has_dental_check, 0) = 1 as has_dental_check_12m,
        reporting_periods.visit_standard_start_date,
        reporting_periods.twelve_months_before_date,
        reporting_periods.two_years_before_date,
        reporting_periods.thirty_months_before_date
    from children_in_care_at_period
    inner join reporting_periods
        on children_in_care_at_period.period_end = reporting_periods.period_end
    {#- each attribute step has at most one row per child and period end #}
    {%- for step in [
        'legal_status_at_period',
        'placement_row_at_period',
        'placement_at_period',
        'placements_in_12m',
        'visits_matched',
        'health_checks_in_12m',
    ] %}
    left join {{ step }}
        on children_in_care_at_period.child_key = {{ step }}.child_key
        and children_in_care_at_period.period_end = {{ step }}.period_end
    {%- endfor %}
    left join persons
        on children_in_care_at_period.child_key = persons.child_key

),

final as (

    select
        child_key,
        period_month,
        period_end,
        period_of_care_id,
        period_of_care_start_date,
        legal_status_code,
        case when is_known_legal_status then legal_status_code else 'unknown' end
            as legal_status_group,
        is_short_break_at_period,
        not is_short_break_at_period as is_looked_after,
        placement_type_code,
        case when is_known_placement_type then placement_type_code else 'unknown' end
            as placement_type_group,
        -- kpis-inspection.md: the placement row at P (no non-temporary row: not known)
        is_placed_over_20_miles,
        placement_la_location,
        current_placement_id,
        current_placement_start_date,
        placements_in_12m_count,
        placements_in_12m_count >= 3 as has_3_plus_placements_in_12m,
        age_at_period,
        (
            has_seen_visit_in_standard
            or period_of_care_start_date >= visit_standard_start_date
        ) as is_visit_in_standard,
        period_of_care_start_date <= twelve_months_before_date as is_in_care_12_months,
        has_health_assessment_12m,
        has_dental_check_12m,
        (
            age_at_period is not null
            and age_at_period < 16
            and period_of_care_start_date <= thirty_months_before_date
        ) as is_in_long_term_stability_cohort,
        coalesce(current_placement_start_date <= two_years_before_date, false)
            as is_in_placement_2_years
    from joined

)

select * from final
