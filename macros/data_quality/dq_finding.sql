{#
    The select list of one data-quality finding, in the columns of the rule models
    (rule_id, then the record's identity from dq_record_identity, field, value, message);
    the caller writes the from and where of the rule after it, e.g.

        {{ dq_finding('cin_8925', 'ssd_cp_plans', 'cppl_cp_plan_end_date', 'cp_plan_end_date',
                      "'Plan end ' || cast(cp_plan_end_date as varchar)") }}
        from cp_plans
        where cp_plan_end_date < cp_plan_start_date

    - table: the landing table of the record (an entry of landing_table_keys());
    - field: the landing column reported (or field_expression: a SQL expression of it, when
      the column depends on the record); value: a SQL expression, cast to text;
    - message: a SQL expression of the message;
    - relation: prefix of the staged columns when the table is read under a name in a join;
    - columns: further select expressions after message (for a step that finishes the finding).
#}
{% macro dq_finding(rule_id, table, field, value, message, relation='', field_expression=none, columns=[]) -%}
    {%- set ns = namespace(keys=none) -%}
    {%- for t in landing_table_keys() if t.table == table -%}{%- set ns.keys = t -%}{%- endfor -%}
    select
        '{{ rule_id }}' as rule_id,
        {{ dq_record_identity(ns.keys, relation) }}
        {{ field_expression if field_expression is not none else "'" ~ field ~ "'" }} as field,
        cast({{ value }} as {{ dbt.type_string() }}) as value,
        {{ message }} as message
        {%- for column in columns %},
        {{ column }}
        {%- endfor %}
{%- endmacro %}
