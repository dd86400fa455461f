-- Merged placements: one row per chain of non-temporary placement rows joined through change
-- reason PLACE (see int_cla_placement_rows). A merged placement runs from its first row's
-- start to its last row's end (null while the last row is open) and carries the last row's
-- type. All a child's placements count, whatever their period of care.

with

placement_rows as (select * from {{ ref('int_cla_placement_rows') }}),

ranked as (

    select
        *,
        -- the chain's last row is its current record
        {{ current_record_rank(['child_key', 'merged_placement_id'], ['placement_row_number']) }}
            as reverse_row_number
    from placement_rows

),

chain_summary as (

    select
        child_key,
        merged_placement_id,
        min(placement_start_date) as placement_start_date,
        count(*) as placement_row_count
    from placement_rows
    group by child_key, merged_placement_id

),

last_rows as (

    select * from ranked
    where reverse_row_number = 1

),

final as (

    select
        chain_summary.child_key,
        chain_summary.merged_placement_id,
        chain_summary.placement_start_date,
        last_rows.placement_end_date,
        last_rows.placement_type_code as latest_placement_type_code,
        last_rows.cla_placement_id as latest_cla_placement_id,
        chain_summary.placement_row_count
    from chain_summary
    inner join last_rows
        on chain_summary.child_key = last_rows.child_key
        and chain_summary.merged_placement_id = last_rows.merged_placement_id

)

select * from final
