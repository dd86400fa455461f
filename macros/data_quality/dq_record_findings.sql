{#
    Findings of several rules that each test one record at a time, joined by union all.
    `rules` is a list of (rule_id, landing table, relation, field, value, condition, message):
    the record is a row of `relation` (a staged model's CTE) where `condition` holds; field,
    value and message are as in dq_finding. With `join` (a join clause in which `{relation}`
    stands for the rule's relation), the relation is joined to another CTE and the staged
    columns are read as `<relation>.<column>`, so value, condition and message name them so.
#}
{% macro dq_record_findings(rules, join=none) -%}
    {%- for rule_id, table, relation, field, value, condition, message in rules %}
    {{ dq_finding(rule_id, table, field, value, message, relation=(relation ~ '.') if join else '') }}
    from {{ relation }}
    {%- if join %}
    {{ join | replace('{relation}', relation) }}
    {%- endif %}
    where {{ condition }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
