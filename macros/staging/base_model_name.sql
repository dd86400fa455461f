{#
    The name of a landing table's base model: base_<source>__<table>, without the `ssd_`
    prefix of SSD tables (ssd_person -> base_ssd__person, team_structure -> base_la__team_structure).
#}
{% macro base_model_name(source_name, table_name) -%}
    {{ return('base_' ~ source_name ~ '__' ~ (table_name[4:] if table_name.startswith('ssd_') else table_name)) }}
{%- endmacro %}
