{#
    `expression` (a double) rounded to `decimals` places, as a double. PostgreSQL has
    round(numeric, int) only, so there the value goes through numeric and back. Dispatched.
#}
{% macro round_double(expression, decimals) -%}
    {{ return(adapter.dispatch('round_double')(expression, decimals)) }}
{%- endmacro %}

{% macro default__round_double(expression, decimals) -%}
    round({{ expression }}, {{ decimals }})
{%- endmacro %}

{% macro postgres__round_double(expression, decimals) -%}
    cast(round(cast({{ expression }} as numeric), {{ decimals }}) as double precision)
{%- endmacro %}
