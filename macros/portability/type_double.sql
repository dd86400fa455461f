{#
    The SQL name of an 8-byte floating-point type: `double` on DuckDB, `double precision` on
    PostgreSQL. dbt.type_float() is not a substitute: it is a 4-byte `float` on DuckDB.
    Dispatched.
#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double
{%- endmacro %}

{% macro postgres__type_double() -%}
    double precision
{%- endmacro %}
