{#
    Parses a landing number (landing.md "Numbers"): digits with an optional decimal point and
    sign; a decimal comma or any other text gives null (and is reported through
    `parse_errors`). Returns a DOUBLE exactly as recorded (12.7 stays 12.7); a number too
    large even for a DOUBLE is null, never a conversion error. Whether the value is usable
    (a whole number, in a plausible range) is decided where it is used: see whole_number and
    dq_rules__plausibility.
#}
{% macro parse_number(column) -%}
    {{ return(adapter.dispatch('parse_number')(column)) }}
{%- endmacro %}

{% macro duckdb__parse_number(column) -%}
    {%- set value = clean_text(column) -%}
    case
        when regexp_full_match({{ value }}, '[+-]?(\d+(\.\d*)?|\.\d+)')
            then try_cast({{ value }} as double)
    end
{%- endmacro %}


{#- PostgreSQL has no try_cast: after the shape check the value is read as numeric (exact)
    and cast to double precision only when it fits, so a huge number is null, not an error. Nested
    cases, as PostgreSQL does not promise the order of `and`. -#}
{% macro postgres__parse_number(column) -%}
    {%- set value = clean_text(column) -%}
    case
        when {{ value }} ~ '^[+-]?(\d+(\.\d*)?|\.\d+)$'
            then case
                when abs(cast({{ value }} as numeric)) <= 1.7976931348623157e308
                    then cast({{ value }} as double precision)
            end
    end
{%- endmacro %}

{#- Spark: the shape checked as for DuckDB (a raw string literal: Spark's strings read `\` as an
    escape), then the cast; a number too large for a double is infinity on Spark, made null. -#}
{% macro spark__parse_number(column) -%}
    {%- set value = clean_text(column) -%}
    case
        when {{ value }} rlike r'^[+-]?(\d+(\.\d*)?|\.\d+)$'
            then case
                when abs(cast({{ value }} as double)) < double('infinity')
                    then cast({{ value }} as double)
            end
    end
{%- endmacro %}
