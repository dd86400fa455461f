{#
    KPI values of the Children in care section of kpis.md, one row per KPI, period and
    breakdown value (see _int_kpis__marts_two.yml). Each child looked after at P
    (int_cla_children_at_period) is a unit of the stock KPIs; each period of care other
    than a short-break period whose start / end falls in the window is a unit of
    cla_started / cla_ceased. cla_rate_per_10k counts the children of cla_children over the
    child population. kpis-inspection.md adds the placement distance and boundary, UASC at
    P and the reunification plan at P. Units are unpivoted to the catalogue's breakdowns
    and summed. The review and missing KPIs of kpis-inspection.md, in the same catalogue
    area, are int_kpi_values__cla_reviews_held, int_kpi_values__cla_reviews_due and
    int_kpi_values__cla_missing.
#}

{%- set reunification_min_months = var('reunification_min_months') | int %}
{%- set breakdowns = ['legal_status', 'placement_type'] %}
{#- the KPIs of the children looked after at P; cla_started and cla_ceased count periods of care #}
{%- set stock_kpi_ids = [
    'cla_children',
    'cla_rate_per_10k',
    'cla_visit_timeliness',
    'cla_health_assessment_rate',
    'cla_dental_check_rate',
    'cla_stability_short',
    'cla_stability_long',
    'cla_placed_over_20_miles',
    'cla_placed_outside_la',
    'uasc_cla',
    'uasc_cla_share',
    'cla_reunification_plan',
] %}

with

{{ kpi_periods('children_in_care', ['cla_started', 'cla_ceased'] + stock_kpi_ids) }},

looked_after_children as (

    select * from {{ ref('int_cla_children_at_period') }}
    where is_looked_after

),

uasc_at_period_end as (select * from {{ ref('int_cla_uasc_at_period_end') }}),

permanence_plans as (select * from {{ ref('int_cla_permanence_plans_at_period_end') }}),

children_at_period as (

    -- the children looked after at P, with their UASC status and permanence plan at P
    select
        looked_after_children.*,
        uasc_at_period_end.child_key is not null as is_uasc,
        coalesce(permanence_plans.has_reunification_plan, false)
        {%- if reunification_min_months > 0 %}
        and looked_after_children.period_of_care_start_date
        <= cast({{ dbt.dateadd('month', -reunification_min_months, 'looked_after_children.period_end') }} as date)
        {%- endif %} as has_reunification_plan
    from looked_after_children
    left join uasc_at_period_end
        on
        looked_after_children.child_key = uasc_at_period_end.child_key
        and looked_after_children.period_end = uasc_at_period_end.period_end
    left join permanence_plans
        on
        looked_after_children.child_key = permanence_plans.child_key
        and looked_after_children.period_end = permanence_plans.period_end

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

    {{ kpi_rows('children_at_period', stock_kpi_ids) }}

),

units as (

    {{ kpi_units(
        'children_in_stock_kpis', breakdowns,
        numerator=kpi_indicator({
            'cla_visit_timeliness': 'is_visit_in_standard',
            'cla_health_assessment_rate': 'is_in_care_12_months and has_health_assessment_12m',
            'cla_dental_check_rate': 'is_in_care_12_months and has_dental_check_12m',
            'cla_stability_short': 'has_3_plus_placements_in_12m',
            'cla_stability_long': 'is_in_long_term_stability_cohort and is_in_placement_2_years',
            'cla_placed_over_20_miles': 'is_placed_over_20_miles',
            'cla_placed_outside_la': "placement_la_location = 'outside'",
            'uasc_cla_share': 'is_uasc',
        }),
        denominator=kpi_indicator({
            'cla_health_assessment_rate': 'is_in_care_12_months',
            'cla_dental_check_rate': 'is_in_care_12_months',
            'cla_stability_long': 'is_in_long_term_stability_cohort',
        }),
        values={'legal_status': 'legal_status_group', 'placement_type': 'placement_type_group'}
    ) }}
    -- the counts of UASC and of reunification plans count only those children
    where
        (kpi_id != 'uasc_cla' or is_uasc)
        and (kpi_id != 'cla_reunification_plan' or has_reunification_plan)

    union all

    {{ kpi_units('started_or_ceased_in_windows', breakdowns) }}

),

{{ kpi_values_from_units(breakdowns, rate_base='child_population') }}

select * from final
