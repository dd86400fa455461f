{#
    The identity columns every data-quality finding starts with, for a row of a staged
    table: table_name, record_id, child_key, landing_row_number (README "Data protection").
    record_id is the row's own id, except on ssd_person, whose id is the person id and is
    never copied into a finding (the row is named by child_key and landing_row_number).
    `t` is the table's entry of landing_table_keys(); `relation` prefixes the columns
    (e.g. 'staged.') when the staged model is read under an alias.
#}
{% macro dq_record_identity(t, relation='') -%}
    '{{ t.table }}' as table_name,
        {% if t.staged_key and t.key != t.person -%}
        cast({{ relation }}{{ t.staged_key }} as {{ dbt.type_string() }})
        {%- else -%}
        cast(null as {{ dbt.type_string() }})
        {%- endif %} as record_id,
        {% if t.person -%}
        {{ relation }}child_key
        {%- else -%}
        cast(null as {{ dbt.type_string() }})
        {%- endif %} as child_key,
        {{ relation }}landing_row_number,
{%- endmacro %}
