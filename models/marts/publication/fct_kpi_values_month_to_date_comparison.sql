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

all_kpi_values as (select * from {{ ref('int_kpi_values') }}),

periods as (select * from {{ ref('int_reporting_periods') }}),

kpi_values as (

    select
        {%- for column in kpi_key_columns() %}
        all_kpi_values.{{ column }},
        {%- endfor %}
        all_kpi_values.numerator,
        all_kpi_values.denominator,
        all_kpi_values.value,
        all_kpi_values.unit
    from all_kpi_values
    inner join periods
        on all_kpi_values.period_end = periods.period_end
    where periods.is_month_to_date_comparison

),

catalogue as (select * from {{ ref('kpi_catalogue') }}),

{{ suppressed_kpi_values() }}

select * from final
