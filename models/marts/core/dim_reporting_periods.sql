{#
    The reporting periods of fct_kpi_values as published: the rows and columns of
    int_reporting_periods, where the periods are derived (see it for the rule): its months,
    without the month to date comparison period (period_kind 'month_to_date_comparison').
#}
with reporting_periods as (select * from {{ ref('int_reporting_periods') }}),

final as (
    select
        period_month,
        period_end,
        is_latest_period
    from reporting_periods
    where period_kind = 'month'
)

select * from final
