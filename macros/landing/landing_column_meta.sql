{#
    The `meta` of a landing source column (_landing__sources.yml: optional, contains_pii,
    landing_type), from its config or its top-level meta, the config winning.
    Called by landing_column_is_optional and landing_column_types.
#}
{% macro landing_column_meta(column) -%}
    {%- set meta = dict(column.get('meta') or {}) -%}
    {%- do meta.update((column.get('config') or {}).get('meta') or {}) -%}
    {{ return(meta) }}
{%- endmacro %}
