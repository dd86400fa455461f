-- One row per visit to a looked-after child. KPIs match visits to periods of care by child and
-- date (the cla_id on the visit row is not used).

with

visits as (select * from {{ ref('stg_ssd__cla_visits') }}),

final as (

    select
        cla_visit_id,
        child_key,
        cla_visit_date,
        coalesce(is_child_seen, false) as is_child_seen,
        coalesce(is_child_seen_alone, false) as is_child_seen_alone
    from visits

)

select * from final
