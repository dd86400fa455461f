{#
    Findings of csc_end_before_start: records whose end date is before their start date, for
    several staged tables at once (union all). `tables` is a list of
    (landing table, relation, start column, end column, landing field of the end).
#}
{% macro dq_end_before_start(tables) -%}
    {%- set rules = [] -%}
    {%- for table, relation, start_column, end_column, field in tables -%}
        {%- do rules.append(('csc_end_before_start', table, relation, field, end_column, end_column ~ ' < ' ~ start_column,
            "'End date ' || cast(" ~ end_column ~ " as " ~ dbt.type_string() ~ ") || ' is before the start date ' || cast(" ~ start_column ~ " as " ~ dbt.type_string() ~ ")")) -%}
    {%- endfor -%}
    {{ dq_record_findings(rules) }}
{%- endmacro %}
