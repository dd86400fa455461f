{#
    The rows of `relation` (a CTE) whose `date_column` falls in the window of a KPI at a
    period (kpi_periods, see kpi_periods.sql): one row per KPI of `kpi_ids`, period and row,
    with kpi_id, period_month and period_end in front of the row's columns. The window of
    each KPI (month, rolling 6 or 12 months) is the catalogue's; an interval join expands
    each row only to the periods whose window it falls in.
#}
{% macro in_kpi_windows(relation, date_column, kpi_ids) -%}
    select
        kpi_periods.kpi_id,
        kpi_periods.period_month,
        kpi_periods.period_end,
        {{ relation }}.*
    from {{ relation }}
    inner join kpi_periods
        on
            {{ relation }}.{{ date_column }} >= kpi_periods.window_start_date
            and {{ relation }}.{{ date_column }} <= kpi_periods.period_end
    where kpi_periods.kpi_id in ('{{ kpi_ids | join("', '") }}')
{%- endmacro %}
