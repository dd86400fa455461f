-- One row per placement as the KPIs count them: non-temporary placement rows, with rows
-- continued through change reason PLACE merged into one placement.

with

placements as (select * from {{ ref('int_cla_placements') }}),

final as (

    select
        child_key,
        merged_placement_id,
        placement_start_date,
        placement_end_date,
        latest_placement_type_code,
        latest_cla_placement_id,
        placement_row_count
    from placements

)

select * from final
