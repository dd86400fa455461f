{#
    "Visits matched to a plan" (kpis.md): a visit belongs to the child's current plan on
    the visit date, matched by person and date (the plan id on a visit row is not used).
    The current plan is the plan open on the visit date (is_open_at: start <= visit
    date < end, a null end still open) with the latest start, then the greatest plan id
    as text.

    Returns a select statement with one row per visit: <visit>_id, child_key,
    <visit>_date, each of flags (false when null), each of kept_columns, then <plan>_id of
    the current plan (null when no plan is open on the visit date).
    - visits, plans: relations or CTE names, with child_key, <visit>_id, <visit>_date and
      the flags; child_key, <plan>_id, <plan>_start_date and <plan>_end_date;
    - visit, plan: the column prefixes, e.g. 'cin_visit' and 'cin_plan';
    - flags: boolean columns of the visits, e.g. ['is_child_seen'];
    - kept_columns: further SQL select items over the visits (alias `visits`), e.g.
      'visits.cp_plan_id as recorded_cp_plan_id'.
    Used by int_cin_visits_matched and int_cp_visits_matched.
#}
{% macro visits_matched_to_plans(visits, plans, visit, plan, flags, kept_columns=[]) -%}
    select
        visits.{{ visit }}_id,
        visits.child_key,
        visits.{{ visit }}_date,
        {%- for flag in flags %}
        coalesce(visits.{{ flag }}, false) as {{ flag }},
        {%- endfor %}
        {%- for column in kept_columns %}
        {{ column }},
        {%- endfor %}
        current_plans.{{ plan }}_id
    from {{ visits }} as visits
    left join (
        select
            visits.{{ visit }}_id,
            plans.{{ plan }}_id,
            {{ current_record_rank(
                ['visits.' ~ visit ~ '_id'],
                ['plans.' ~ plan ~ '_start_date', 'cast(plans.' ~ plan ~ '_id as ' ~ dbt.type_string() ~ ')']
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
    ) as current_plans
        on
            visits.{{ visit }}_id = current_plans.{{ visit }}_id
            and current_plans.plan_recency_rank = 1
{%- endmacro %}
