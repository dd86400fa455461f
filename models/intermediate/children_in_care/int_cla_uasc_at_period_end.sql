{#
    One row per child and period end P who is an unaccompanied asylum-seeking child at P
    (kpis-inspection.md "UASC at D"): an ssd_immigration_status row with code UASC whose
    start is on or before P (a null start counts as the earliest date: "from before any
    record") and whose end is null or after P. Read by the UASC KPIs for the children
    looked after at P.
#}

with

periods as (select * from {{ ref('int_reporting_periods') }}),

statuses as (select * from {{ ref('stg_ssd__immigration_statuses') }}),

final as (

    select distinct
        statuses.child_key,
        periods.period_end
    from statuses
    inner join periods
        on
        (statuses.immigration_status_start_date is null or statuses.immigration_status_start_date <= periods.period_end)
        and (statuses.immigration_status_end_date is null or statuses.immigration_status_end_date > periods.period_end)
    where statuses.immigration_status_code = 'UASC' and statuses.child_key is not null

)

select * from final
