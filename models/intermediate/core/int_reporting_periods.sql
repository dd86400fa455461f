{#
    The reporting periods of fct_kpi_values (kpis.md "Periods"; dim_reporting_periods
    publishes them): every month from var kpi_first_month (default: the first day of the
    month 36 months before the extract month) to the extract month inclusive. period_end is the last day of the month, or the extract
    date for the month that contains it. These rows have period_kind 'month'.

    Month to date: the extract month's figures (1 to D of the month, or as at D) are set
    against the same days of the previous month, its period end D - interval 1 month, the
    same day of the previous month, or its last day when it is shorter (31 March -> 28 or
    29 February). When that date is not the previous month's last day, one more row, of
    period_kind 'month_to_date_comparison', has it as its period_end (period_month: the
    previous month), so the KPI models compute its figures like any period's; fct_kpi_values
    and dim_reporting_periods leave it out, fct_kpi_values_month_to_date_comparison
    publishes it. When it is the last day, the same days are the whole previous month, and
    that month's row is the comparison. is_month_to_date_comparison marks the comparison
    row, whichever of the two it is.
#}
with manifest as (select * from {{ ref('stg_la__extract_manifests') }}),

dates as (select * from {{ ref('int_dates') }}),

bounds as (
    select
        extract_date,
        cast({{ dbt.date_trunc('month', 'extract_date') }} as date) as extract_month,
        cast({{ dbt.dateadd('month', -1, 'extract_date') }} as date) as same_days_end,
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
        bounds.extract_month,
        bounds.same_days_end
    from dates
    inner join bounds
        on dates.date_day between bounds.first_month and bounds.extract_month
    where extract(day from dates.date_day) = 1
),

month_periods as (
    select
        period_month,
        case
            when period_month = extract_month then extract_date
            else cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 1, 'period_month')) }} as date)
        end as period_end,
        period_month = extract_month as is_latest_period,
        'month' as period_kind,
        same_days_end
    from months
),

comparison_periods as (
    -- the same days of the previous month, when they are not the whole month
    select
        cast({{ dbt.date_trunc('month', 'bounds.same_days_end') }} as date) as period_month,
        bounds.same_days_end as period_end,
        false as is_latest_period,
        'month_to_date_comparison' as period_kind,
        bounds.same_days_end
    from bounds
    where
        bounds.same_days_end >= bounds.first_month
        and bounds.same_days_end not in (select month_periods.period_end from month_periods)
),

all_periods as (
    select * from month_periods
    union all
    select * from comparison_periods
),

final as (
    select
        period_month,
        period_end,
        is_latest_period,
        period_kind,
        period_end = same_days_end as is_month_to_date_comparison
    from all_periods
)

select * from final
