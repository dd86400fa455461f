{#
    Working days between two dates (kpis.md "Working days"): the number of days
    w with start_date < w <= end_date that are Monday to Friday and not an
    England and Wales bank holiday. The same day gives 0; Friday to the next
    Monday gives 1.

    Returns an integer SQL expression, computed from dim_dates as
    working_day_index(end_date) - working_day_index(start_date).
    - null when either date is null, or outside the dim_dates calendar
      (calendar_start_date() .. calendar_end_date()): callers must report such
      rows, never count them as 0;
    - negative when end_date < start_date (minus the working days from
      end_date to start_date): callers that need d1 <= d2 filter first.

    The arguments are SQL expressions of type date (column names or literals).
    The ref() below is rendered when the calling model is parsed, so the caller
    depends on dim_dates without a `-- depends_on` comment, as long as the macro
    is not called only inside an `if execute` block.

    Prefer with_working_days (macros/dates/with_working_days.sql): the same count
    as an explicit join to int_dates, which the intermediate models use, so the
    calendar shows in their SQL and lineage. This scalar form remains for callers
    outside the intermediate area (int_kpi_values__assessments, dq_rules__cin),
    whose unit tests mock dim_dates.
#}
{% macro working_days_between(start_date, end_date) -%}
    (
        (
            select working_days_end.working_day_index
            from {{ ref('dim_dates') }} as working_days_end
            where working_days_end.date_day = {{ end_date }}
        )
        - (
            select working_days_start.working_day_index
            from {{ ref('dim_dates') }} as working_days_start
            where working_days_start.date_day = {{ start_date }}
        )
    )
{%- endmacro %}
