{#
    Allocated Team and Allocated Worker of an Annex A row (docs/contracts/annex-a.md
    "Restricted output"): the team's name (dept_team_name) when the department lists the team,
    else the team id as recorded; the worker as the professional id. The caller left-joins
    int_teams as `teams` (or the alias given) on the team id. Writes the two select-list items
    allocated_team and allocated_worker.
#}
{% macro annex_a_allocated(team_id, worker_id, teams='teams') -%}
    coalesce({{ teams }}.team_name, {{ team_id }}) as allocated_team,
    {{ worker_id }} as allocated_worker
{%- endmacro %}
