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

    {{ children_open_at_period_end(
        'statuses',
        "coalesce(statuses.immigration_status_start_date, cast('0001-01-01' as date))",
        'statuses.immigration_status_end_date',
        "statuses.immigration_status_code = 'UASC'"
    ) }}

)

select * from final
