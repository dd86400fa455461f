{#
    A select statement returning one row per day, column `date_day` (date), from
    start_date to end_date inclusive. Both arguments are SQL date expressions.

    This is the one place with engine-specific SQL for the calendar:
    - duckdb: the `range()` table function;
    - default (any other engine): dbt's portable `dbt.date_spine`, which counts
      the days with a query at run time and builds the rows from a numbers table.
#}
{% macro calendar_days(start_date, end_date) -%}
    {{ return(adapter.dispatch('calendar_days')(start_date, end_date)) }}
{%- endmacro %}


{% macro default__calendar_days(start_date, end_date) -%}
    {#- date_spine excludes its end date, so it is given the day after ours. -#}
    select cast(date_day as date) as date_day
    from (
        {{ dbt.date_spine(
            'day',
            start_date,
            'cast(' ~ dbt.dateadd('day', 1, end_date) ~ ' as date)'
        ) }}
    ) as spine_days
{%- endmacro %}


{% macro duckdb__calendar_days(start_date, end_date) -%}
    select cast(range as date) as date_day
    from range({{ start_date }}, {{ end_date }} + interval 1 day, interval 1 day)
{%- endmacro %}
