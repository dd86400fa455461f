{#
    For the Annex A row-count tests (tests/dbt/restricted), beside annex_a_row_count_check
    and reading its CTE check_dates: the two inclusion predicates of annex-a.md "Checks".
    annex_a_check_dated_in: `date` falls in the window (W6 by default, or W12), after the
    window's start and on or before R. annex_a_check_open_in_w6: a record from `start_date`
    to `end_date` (null while open) is open at some time in W6, started on or before R and not
    ended by the start of W6.
#}
{% macro annex_a_check_dated_in(date, window='w6') -%}
    {%- if window not in ('w6', 'w12') -%}
        {{ exceptions.raise_compiler_error("annex_a_check_dated_in: window must be w6 or w12, not " ~ window) }}
    {%- endif -%}
    {{ date }} > check_dates.{{ window }}_start and {{ date }} <= check_dates.as_at_date
{%- endmacro %}

{% macro annex_a_check_open_in_w6(start_date, end_date) -%}
    {{ start_date }} <= check_dates.as_at_date
    and ({{ end_date }} is null or {{ end_date }} > check_dates.w6_start)
{%- endmacro %}
