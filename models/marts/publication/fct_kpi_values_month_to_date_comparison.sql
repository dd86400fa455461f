{#-
    The figures the extract month's are compared with when it is shown as "month to date":
    every KPI at the same days of the previous month (int_reporting_periods: its first day
    to the extract date less one month, or all of it when it is shorter), computed by the
    KPI models like any period (int_kpi_values), and suppressed by the rules of
    fct_kpi_values_published (macro suppressed_kpi_values). One row per KPI, breakdown and
    breakdown value, of fct_kpi_values_published's columns. `csc report` reads it for the
    change of a month to date, and `csc publish` copies it.
-#}

with

kpi_values as (

    select
        kpi_id,
        period_month,
        period_end,
        breakdown,
        breakdown_value,
        numerator,
        denominator,
        value,
        unit
    from {{ ref('int_kpi_values') }}
    where is_month_to_date_comparison

),

catalogue as (select * from {{ ref('kpi_catalogue') }}),

{{ suppressed_kpi_values() }}

select * from final
