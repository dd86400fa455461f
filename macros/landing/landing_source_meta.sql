{#
    The `meta` of a landing source table (_landing__sources.yml: key, staged_key, person,
    optional_file, headings_as_columns), from its config or its top-level meta.
    Called by register_landing_files and landing_table_keys.
#}
{% macro landing_source_meta(src) -%}
    {{ return((src.config or {}).get('meta') or src.meta or {}) }}
{%- endmacro %}
