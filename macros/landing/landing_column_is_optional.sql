{# True when the source column is marked `meta: {optional: true}` (landing.md's "(o)"). #}
{% macro landing_column_is_optional(column) -%}
    {%- set meta = (column.get('meta') or {}) -%}
    {%- set config_meta = ((column.get('config') or {}).get('meta') or {}) -%}
    {{ return(meta.get('optional', false) or config_meta.get('optional', false)) }}
{%- endmacro %}
