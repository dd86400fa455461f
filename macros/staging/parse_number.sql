{#
    Parses a landing number (landing.md "Numbers"): digits with an optional decimal point and
    sign; a decimal comma or any other text gives null (and is reported through
    `parse_errors`). Returns a DOUBLE.
#}
{% macro parse_number(column) -%}
    {{ return(adapter.dispatch('parse_number')(column)) }}
{%- endmacro %}

{% macro duckdb__parse_number(column) -%}
    {%- set value = clean_text(column) -%}
    case
        when regexp_full_match({{ value }}, '[+-]?(\d+(\.\d*)?|\.\d+)')
            then cast({{ value }} as double)
    end
{%- endmacro %}
