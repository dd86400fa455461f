{#
    The opening CTEs of a KPI area model: the reporting periods and the KPIs of one area,
    read from the kpi_catalogue seed (the one place a KPI is declared).

    It adds three CTEs:
    - `periods`: the reporting periods (period_month, period_end);
    - `kpis`: one row per KPI of `kpi_area` with its unit, window and `breakdown_list`
      (the catalogue's breakdowns between bars, `|all|locality|`); with `kpi_ids`, only
      those KPIs of the area (a model that computes some of an area's KPIs, one kind of
      unit, beside the other models of the area);
    - `kpi_periods`: one row per KPI and period with `window_start_date`, the first day of the
      KPI's window at P (kpis.md "Windows"): `month` = the first day of P's month;
      `rolling_Nm` = P - interval N months + 1 day (a date d is in it when d > P - interval
      N months and d <= P); null for a `stock` KPI (counted as at P).
    Units join their dates to these windows with `kpi_rows`; `kpi_values_from_units`
    adds the `all` rows of every KPI and period from `kpi_periods`.
#}
{% macro kpi_periods(kpi_area, kpi_ids=none) -%}
periods as (

    select
        period_month,
        period_end
    from {{ ref('int_reporting_periods') }}

),

kpis as (

    select
        kpi_id,
        unit,
        kpi_window,
        '|' || breakdowns || '|' as breakdown_list
    from {{ ref('kpi_catalogue') }}
    where
        kpi_area = '{{ kpi_area }}'
        {%- if kpi_ids is not none %}
        and kpi_id in ('{{ kpi_ids | join("', '") }}')
        {%- endif %}

),

kpi_periods as (

    select
        kpis.kpi_id,
        kpis.unit,
        kpis.kpi_window,
        periods.period_month,
        periods.period_end,
        case kpis.kpi_window
            when 'month' then periods.period_month
            {%- for months in [6, 12] %}
            when 'rolling_{{ months }}m'
                then cast({{ dbt.dateadd('day', 1, dbt.dateadd('month', -months, 'periods.period_end')) }} as date)
            {%- endfor %}
        end as window_start_date
    from kpis
    cross join periods

)
{%- endmacro %}
