-- Legal status rows with a start date, ready for "the legal status open at D" look-ups
-- (open at D: start <= D and (end is null or end > D); several open: latest start, then
-- greatest legal_status_id as text). Short breaks are legal statuses V3 and V4.
-- Only SSDA903 legal statuses (C1 ... V4, is_ssda903_legal_status): a row of another order
-- (SO, ISO, SGO, CAO, PF) or an unknown code never makes a child looked after and never hides
-- their SSDA903 legal status (kpis.md "Legal status").

with

legal_statuses as (select * from {{ ref('stg_ssd__legal_statuses') }}),

final as (

    select
        legal_status_id,
        child_key,
        legal_status_code,
        is_known_legal_status,
        legal_status_start_date,
        legal_status_end_date,
        coalesce(legal_status_code in ('V3', 'V4'), false) as is_short_break
    from legal_statuses
    where legal_status_start_date is not null
        and is_ssda903_legal_status

)

select * from final
