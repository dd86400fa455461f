{#
    The base model of a landing table: every row of the file, each contract column as the
    text the landing view holds (landing.md: staging parses and types them), plus its
    landing_row_number (the columns of the source YAML, in its order). Base models are the only models that read
    a source; staging and the data-quality models read them. They are ephemeral (a CTE in the
    models that read them): a partial build of one staging model needs nothing else built,
    and the personal-data columns of the file (names, NHS number) are stored nowhere. Each base model is one line,
    `{{ base_model_from_source('ssd', 'ssd_person') }}`, named by base_model_name.
    with_landing_row_number=false: the source's columns only, for a source that is no landing
    file (dfe_validation, loaded by `csc validate`).
#}
{% macro base_model_from_source(source_name, table_name, with_landing_row_number=true) -%}
    {{ config(materialized='ephemeral') }}
    {%- set relation = source(source_name, table_name) -%}
    {%- set columns = [] -%}
    {%- if execute -%}
        {%- set node = graph.sources.values() | selectattr('source_name', 'equalto', source_name)
            | selectattr('name', 'equalto', table_name) | first -%}
        {%- for column_name in node.columns.keys() -%}
            {%- do columns.append(column_name | lower) -%}
        {%- endfor -%}
    {%- endif %}
with source as (
    select * from {{ relation }}
),

final as (
    select
        {%- for column_name in columns %}
        {{ column_name }}{{ ',' if with_landing_row_number or not loop.last }}
        {%- endfor %}
        {%- if with_landing_row_number %}
        landing_row_number
        {%- endif %}
    from source
)

select * from final
{%- endmacro %}

