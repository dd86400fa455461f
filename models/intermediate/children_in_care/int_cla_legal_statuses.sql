-- Legal status rows with a start date, ready for "the legal status open at D" look-ups
-- (open at D: start <= D and (end is null or end > D); several open: latest start, then
-- greatest legal_status_id as text). Short breaks are legal statuses V3 and V4.

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

)

select * from final
