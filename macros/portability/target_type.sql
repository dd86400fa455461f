{#
    A type name as the project's YAML writes it (a contract's data_type, a seed's column_types:
    DuckDB's and PostgreSQL's spelling) in the target's SQL. Unchanged on DuckDB and PostgreSQL;
    on Spark a bare `varchar` or `text` is dbt.type_string() (`string`: Spark rejects a varchar
    without a length, DATATYPE_MISSING_SIZE, and has no text) and `double precision` is
    type_double() (`double`). Dispatched.
#}
{% macro target_type(data_type) -%}
    {{ return(adapter.dispatch('target_type')(data_type)) }}
{%- endmacro %}

{% macro default__target_type(data_type) -%}
    {{ return(data_type) }}
{%- endmacro %}

{% macro spark__target_type(data_type) -%}
    {%- set spelling = data_type | trim | lower -%}
    {%- if spelling in ('varchar', 'text') -%}
        {{ return(dbt.type_string()) }}
    {%- elif spelling == 'double precision' -%}
        {{ return(type_double() | trim) }}
    {%- endif -%}
    {{ return(data_type) }}
{%- endmacro %}

{#
    dbt's cast() on Spark with the type in Spark's spelling (target_type): dbt's contract check
    casts a null to each column's YAML data_type (get_empty_schema_sql), which on Spark must
    read `varchar` as `string`. Everything else as dbt's default__cast.
#}
{% macro spark__cast(field, type) -%}
    cast({{ field }} as {{ target_type(type) }})
{%- endmacro %}
