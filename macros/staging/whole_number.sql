{#
    A parsed number (a DOUBLE expression) as a BIGINT when it is a whole number that fits in
    one; null otherwise (12.7 is null, not 13; 99999999999999999999 is null, not a DuckDB
    INT64 conversion error). Callers report the values that became null
    (csc_not_whole_number, dq_rules__plausibility). Whole means equal to its floor (floor, not
    trunc: Spark's trunc is for dates; for a whole-number test the two agree).
#}
{% macro whole_number(number) -%}
    case
        when ({{ number }}) = floor({{ number }})
            and ({{ number }}) between -9.2e18 and 9.2e18
            then cast({{ number }} as bigint)
    end
{%- endmacro %}
