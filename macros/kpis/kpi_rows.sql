{#
    The rows of `relation` (a CTE) as units of the KPIs `kpi_ids`, with kpi_id and
    period_end in front of the row's columns:
    - with `date_column`: one row per KPI, period and row whose date falls in the KPI's
      window at the period (kpi_periods, see kpi_periods.sql: month, rolling 6 or 12 months,
      as the catalogue says); an interval join expands each row only to the periods whose
      window it falls in;
    - without: the rows are already at a period (a stock counted as at P, with their own
      period_end), and each is repeated once per KPI.
#}
{% macro kpi_rows(relation, kpi_ids, date_column=none) -%}
    {%- if date_column %}
    select
        kpi_periods.kpi_id,
        kpi_periods.period_end,
        {{ relation }}.*
    from {{ relation }}
    inner join kpi_periods
        on
            {{ relation }}.{{ date_column }} >= kpi_periods.window_start_date
            and {{ relation }}.{{ date_column }} <= kpi_periods.period_end
    where kpi_periods.kpi_id in ('{{ kpi_ids | join("', '") }}')
    {%- else %}
    select
        kpis.kpi_id,
        {{ relation }}.*
    from {{ relation }}
    inner join kpis
        on kpis.kpi_id in ('{{ kpi_ids | join("', '") }}')
    {%- endif %}
{%- endmacro %}
