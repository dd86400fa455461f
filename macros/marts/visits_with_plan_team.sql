{#
    The visits of a plan type with the team of the plan each is matched to: every column
    of the visits, then the plan's team_id, locality and service ('unknown' when the visit
    matches no plan or the team's is not known). A select statement; the mart casts it to
    its contract with contracted_columns(). Used by fct_cin_visits and fct_cp_visits.
    - visits, plans: relations or CTE names, both with plan_id_column;
    - plan_id_column: the matched plan's id, e.g. 'cin_plan_id'.
#}
{% macro visits_with_plan_team(visits, plans, plan_id_column) -%}
    select
        visits.*,
        plans.team_id,
        coalesce(plans.locality, 'unknown') as locality,
        coalesce(plans.service, 'unknown') as service
    from {{ visits }} as visits
    left join {{ plans }} as plans
        on visits.{{ plan_id_column }} = plans.{{ plan_id_column }}
{%- endmacro %}
