{#- The dbt var suppression_threshold, checked: a non-negative integer (counts from 1 to it
    are suppressed when published). -#}
{% macro suppression_threshold() -%}
    {%- set threshold = var('suppression_threshold') -%}
    {%- if threshold is not integer or threshold < 0 -%}
        {{ exceptions.raise_compiler_error(
            "var suppression_threshold must be a non-negative integer, got " ~ threshold
        ) }}
    {%- endif -%}
    {{ threshold }}
{%- endmacro %}
