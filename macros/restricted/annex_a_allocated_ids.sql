{#
    The team and worker ids of Annex A lists 6-8 (docs/contracts/annex-a.md "List 6"): the
    child's involvement of int_annex_a__allocations (left-joined as `allocations`, or the alias
    given) when it has one, else the record's own team and worker (team_id, worker_id: SQL
    expressions). Writes the select-list items allocated_team_id and allocated_worker_id.
#}
{% macro annex_a_allocated_ids(team_id, worker_id, allocations='allocations') -%}
    case when {{ allocations }}.person_id is not null then {{ allocations }}.team_id else {{ team_id }} end
        as allocated_team_id,
    case when {{ allocations }}.person_id is not null then {{ allocations }}.worker_id else {{ worker_id }} end
        as allocated_worker_id
{%- endmacro %}
