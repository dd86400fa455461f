{#- True when `column` is a small number that must not be published: greater than 0 and at
    most the suppression threshold (false for 0 and for null). -#}
{% macro is_small_number(column) -%}
    coalesce({{ column }} > 0 and {{ column }} <= {{ suppression_threshold() }}, false)
{%- endmacro %}
