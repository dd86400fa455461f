{#
    One row per child and period end P with a supervision order at P (kpis-inspection.md
    "Supervision order at P"): an ssd_legal_status row with code SO (s31 Children Act 1989)
    or ISO (interim, s38) open at P. Read directly from staging: these are not SSDA903
    codes, so the CLA rules never see them, and a child with a C2 and an SO open counts
    here too. Education and youth-justice supervision orders are not SO (they are unknown
    codes).
#}

with

periods as (select * from {{ ref('int_reporting_periods') }}),

legal_statuses as (select * from {{ ref('stg_ssd__legal_statuses') }}),

final as (

    {{ children_open_at_period_end(
        'legal_statuses', 'legal_statuses.legal_status_start_date', 'legal_statuses.legal_status_end_date',
        "legal_statuses.legal_status_code in ('SO', 'ISO')"
    ) }}

)

select * from final
