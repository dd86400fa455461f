{#
    Working days between two date columns (kpis.md "Working days": the days w with
    start < w <= end, Monday to Friday, not an England and Wales bank holiday), as an
    explicit join to the working-day calendar int_dates: its working_day_index at the
    end date minus that at the start date.

    Returns a select statement: every column of `relation`, and `column_name`, the
    working days; null when either date is null or outside the calendar (callers report
    such rows, never count them as 0). With forward_only, also null when the start is
    after the end; otherwise that gives minus the working days from end to start.
    - relation: CTE or relation name; start_date, end_date: its date columns;
    - calendar: the caller's import CTE of int_dates (so the model's lineage shows it).
    Used by int_assessments_timed, int_icpcs_joined_to_s47 and
    int_cp_children_at_period_end, int_kpi_values__assessments and dq_rules__cin.
#}
{% macro with_working_days(relation, start_date, end_date, column_name, calendar, forward_only=false) -%}
    select
        {{ relation }}.*,
        {% if forward_only -%}
        case
            when {{ relation }}.{{ start_date }} <= {{ relation }}.{{ end_date }}
                then end_days.working_day_index - start_days.working_day_index
        end
        {%- else -%}
        end_days.working_day_index - start_days.working_day_index
        {%- endif %} as {{ column_name }}
    from {{ relation }}
    left join {{ calendar }} as start_days
        on {{ relation }}.{{ start_date }} = start_days.date_day
    left join {{ calendar }} as end_days
        on {{ relation }}.{{ end_date }} = end_days.date_day
{%- endmacro %}
