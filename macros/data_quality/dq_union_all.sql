{#
    `select * from` each of the CTEs named in `parts`, joined by union all: the final step of a
    rule model, which reports the findings of all its rules.
#}
{% macro dq_union_all(parts) -%}
    {%- for part in parts %}
    select * from {{ part }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
