{#
    Seen visits of a plan (kpis.md): of the visits matched to a plan (macro
    visits_matched_to_plans), those with the child seen, per plan: the date of the last
    one and their count. Returns a select with one row per plan that has a seen visit:
    <plan>_id, last_seen_visit_date, seen_visit_count.
    - visits: relation or CTE of matched visits (is_child_seen, <plan>_id, visit_date);
    - plan: the plan column prefix ('cin_plan', 'cp_plan'); visit_date: the date column.
    Used by int_cin_plans_visited and int_cp_plans_flagged.
#}
{% macro seen_visits_per_plan(visits, plan, visit_date) -%}
    select
        {{ plan }}_id,
        max({{ visit_date }}) as last_seen_visit_date,
        count(*) as seen_visit_count
    from {{ visits }}
    where
        is_child_seen
        and {{ plan }}_id is not null
    group by {{ plan }}_id
{%- endmacro %}
