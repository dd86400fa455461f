{#
    Parses a landing date (landing.md "Dates"): YYYY-MM-DD, optionally followed by a time
    after `T` or a space (the time is dropped), or DD/MM/YYYY (always day first). Returns a
    DATE, or null when the value is null, matches neither shape, or names a day that does not
    exist (31/02/2021). Such values are reported through `parse_errors`, never silently lost.
    Engine-specific regex and strptime are dispatched.
#}
{% macro parse_date(column) -%}
    {{ return(adapter.dispatch('parse_date')(column)) }}
{%- endmacro %}

{% macro duckdb__parse_date(column) -%}
    {%- set value = clean_text(column) -%}
    case
        when regexp_full_match({{ value }}, '\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?')
            then try_cast(substr({{ value }}, 1, 10) as date)
        when regexp_full_match({{ value }}, '\d{1,2}/\d{1,2}/\d{4}')
            then cast(try_strptime({{ value }}, '%d/%m/%Y') as date)
    end
{%- endmacro %}
