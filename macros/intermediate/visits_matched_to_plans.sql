{#
    "Visits matched to a plan" (kpis.md): a visit belongs to the child's current plan on
    the visit date, matched by person and date (the plan id on a visit row is not used).
    The current plan is the plan open on the visit date (is_open_at: start <= visit
    date < end, a null end still open) with the latest start, then the greatest plan id
    as text.

    Returns a select statement with one row per visit that has an open plan: columns
    <visit>_id and <plan>_id. Visits with no open plan have no row (left join it).
    - visits, plans: relations or CTE names, with child_key, <visit>_id and
      <visit>_date; child_key, <plan>_id, <plan>_start_date and <plan>_end_date;
    - visit, plan: the column prefixes, e.g. 'cin_visit' and 'cin_plan'.
    Used by int_cin_visits_matched and int_cp_visits_matched.
#}
{% macro visits_matched_to_plans(visits, plans, visit, plan) -%}
    select
        {{ visit }}_id,
        {{ plan }}_id
    from (
        select
            visits.{{ visit }}_id,
            plans.{{ plan }}_id,
            {{ current_record_rank(
                ['visits.' ~ visit ~ '_id'],
                ['plans.' ~ plan ~ '_start_date', 'cast(plans.' ~ plan ~ '_id as varchar)']
            ) }} as plan_recency_rank
        from {{ visits }} as visits
        inner join {{ plans }} as plans
            on
                visits.child_key = plans.child_key
                and {{ is_open_at(
                    'plans.' ~ plan ~ '_start_date',
                    'plans.' ~ plan ~ '_end_date',
                    'visits.' ~ visit ~ '_date'
                ) }}
    ) as plans_open_on_visit_date
    where plan_recency_rank = 1
{%- endmacro %}
