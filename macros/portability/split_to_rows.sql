{#
    A set-returning expression giving one row per part of the text `expression` split at the
    literal `separator` (for a FROM list: `unnest(...) as alias (column)`): DuckDB's
    string_split, PostgreSQL's string_to_array. Dispatched.
#}
{% macro split_to_rows(expression, separator) -%}
    {{ return(adapter.dispatch('split_to_rows')(expression, separator)) }}
{%- endmacro %}

{% macro default__split_to_rows(expression, separator) -%}
    unnest(string_split({{ expression }}, {{ separator }}))
{%- endmacro %}

{% macro postgres__split_to_rows(expression, separator) -%}
    unnest(string_to_array({{ expression }}, {{ separator }}))
{%- endmacro %}
