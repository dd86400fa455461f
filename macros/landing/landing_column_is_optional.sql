{# True when the source column is marked `meta: {optional: true}` (landing.md's "(o)"). #}
{% macro landing_column_is_optional(column) -%}
    {{ return(landing_column_meta(column).get('optional', false)) }}
{%- endmacro %}
