{#
    The reporting periods of fct_kpi_values (kpis.md "Periods"; dim_reporting_periods
    publishes them): every month from var kpi_first_month (default: the first day of the
    month 36 months before the extract month) to the extract month inclusive. period_end is the last day of the month, or the extract
    date for the month that contains it.
#}
with manifest as (select * from {{ ref('stg_la__extract_manifests') }}),

dates as (select * from {{ ref('int_dates') }}),

bounds as (
    select
        extract_date,
        cast({{ dbt.date_trunc('month', 'extract_date') }} as date) as extract_month,
        {% if var('kpi_first_month') is none -%}
        cast({{ dbt.dateadd('month', -36, dbt.date_trunc('month', 'extract_date')) }} as date)
        {%- else -%}
        cast({{ dbt.date_trunc('month', "cast('" ~ var('kpi_first_month') ~ "' as date)") }} as date)
        {%- endif %} as first_month
    from manifest
),

months as (
    select
        dates.date_day as period_month,
        bounds.extract_date,
        bounds.extract_month
    from dates
    inner join bounds
        on dates.date_day between bounds.first_month and bounds.extract_month
    where extract(day from dates.date_day) = 1
),

final as (
    select
        period_month,
        case
            when period_month = extract_month then extract_date
            else cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 1, 'period_month')) }} as date)
        end as period_end,
        period_month = extract_month as is_latest_period
    from months
)

select * from final
