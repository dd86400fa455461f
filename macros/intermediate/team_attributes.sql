{#
    Team attributes of a record (kpis.md "Team attributes"): its team id and the team's
    locality and service from int_teams, 'unknown' when the record's team is null or not
    listed there (int_teams itself already says 'unknown' for a listed team that is blank
    in team_structure). Writes the three select-list items team_id, locality and service;
    the caller left-joins int_teams as `teams` (or the alias given) on team_id.
#}
{% macro team_attributes(team_id, teams='teams') -%}
    {{ team_id }} as team_id,
    coalesce({{ teams }}.locality, 'unknown') as locality,
    coalesce({{ teams }}.service, 'unknown') as service
{%- endmacro %}
