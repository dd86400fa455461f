{#
    A landing text value as staging reads it (landing.md "Values"): trimmed; an empty
    string or the text NULL in any case becomes null.
#}
{% macro clean_text(column) -%}
    case when upper(trim({{ column }})) in ('', 'NULL') then null else trim({{ column }}) end
{%- endmacro %}
