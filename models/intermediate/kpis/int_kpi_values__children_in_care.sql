{#
    KPI values of the Children in care section of kpis.md, one row per KPI, period and
    breakdown value (see _int_kpis__marts_two.yml). Each child looked after at P
    (int_cla_children_at_period) is a unit of the stock KPIs; each period of care other
    than a short-break period whose start / end falls in the window is a unit of
    cla_started / cla_ceased. cla_rate_per_10k counts the children of cla_children over the
    child population. Units are unpivoted to the catalogue's breakdowns and summed.
#}

with

{{ kpi_periods('children_in_care') }},

children_at_period as (

    select * from {{ ref('int_cla_children_at_period') }}
    where is_looked_after

),

child_population as (select * from {{ ref('int_child_population') }}),

periods_of_care as (

    select * from {{ ref('int_cla_periods_of_care') }}
    where not is_short_break_period

),

started_or_ceased_in_windows as (

    {{ kpi_rows('periods_of_care', ['cla_started'], 'period_start_date') }}

    union all

    {{ kpi_rows('periods_of_care', ['cla_ceased'], 'period_end_date') }}

),

children_in_stock_kpis as (

    {{ kpi_rows('children_at_period', [
        'cla_children',
        'cla_rate_per_10k',
        'cla_visit_timeliness',
        'cla_health_assessment_rate',
        'cla_dental_check_rate',
        'cla_stability_short',
        'cla_stability_long',
    ]) }}

),

units as (

    select
        kpi_id,
        period_end,
        case kpi_id
            when 'cla_visit_timeliness'
                then case when is_visit_in_standard then 1 else 0 end
            when 'cla_health_assessment_rate'
                then case when is_in_care_12_months and has_health_assessment_12m then 1 else 0 end
            when 'cla_dental_check_rate'
                then case when is_in_care_12_months and has_dental_check_12m then 1 else 0 end
            when 'cla_stability_short'
                then case when has_3_plus_placements_in_12m then 1 else 0 end
            when 'cla_stability_long'
                then case when is_in_long_term_stability_cohort and is_in_placement_2_years then 1 else 0 end
            else 1
        end as numerator,
        case kpi_id
            when 'cla_health_assessment_rate' then case when is_in_care_12_months then 1 else 0 end
            when 'cla_dental_check_rate' then case when is_in_care_12_months then 1 else 0 end
            when 'cla_stability_long' then case when is_in_long_term_stability_cohort then 1 else 0 end
            else 1
        end as denominator,
        legal_status_group as legal_status,
        placement_type_group as placement_type
    from children_in_stock_kpis

    union all

    select
        kpi_id,
        period_end,
        1 as numerator,
        1 as denominator,
        cast(null as varchar) as legal_status,
        cast(null as varchar) as placement_type
    from started_or_ceased_in_windows

),

{{ kpi_values_from_units(['legal_status', 'placement_type'], rate_base='child_population') }}

select * from final
