-- The non-temporary rows of ssd_cla_placement (temporary types T0-T4 dropped), per child in
-- start-date then id order, each tagged with the merged placement it belongs to. A row
-- continues its predecessor (the previous remaining row of the same child) when it starts on
-- the day the predecessor ends and the predecessor's change reason is PLACE (a change of
-- status, not of carer). Rows without a start date cannot be ordered or open and are dropped.
{%- set placement_columns = [
    'placement_start_date', 'placement_end_date', 'placement_type_code', 'is_known_placement_type',
    'placement_provider_code', 'change_reason_code', 'is_known_change_reason', 'placement_distance',
] %}

with

placements as (select * from {{ ref('stg_ssd__cla_placements') }}),

non_temporary_rows as (

    select
        cla_placement_id,
        cla_id,
        child_key,
        {%- for column in placement_columns %}
        {{ column }},
        {%- endfor %}
        -- kpis-inspection.md `cla_placed_over_20_miles`: a distance above 20 miles; null,
        -- negative or 999.9 as a number ("distance not known") is not known, never over 20
        coalesce(placement_distance > 20 and placement_distance <> 999.9, false) as is_placed_over_20_miles,
        placement_la_location
    from placements
    where placement_start_date is not null
        and coalesce(placement_type_code, '') not in ('T0', 'T1', 'T2', 'T3', 'T4')

),

with_predecessor as (

    select
        *,
        lag(placement_end_date) over placement_order as predecessor_end_date,
        lag(change_reason_code) over placement_order as predecessor_change_reason_code,
        row_number() over placement_order as placement_row_number
    from non_temporary_rows
    window placement_order as (
        partition by child_key
        order by placement_start_date, cla_placement_id
    )

),

flagged as (

    select
        *,
        coalesce(
            placement_start_date = predecessor_end_date
            and predecessor_change_reason_code = 'PLACE',
            false
        ) as is_continuation
    from with_predecessor

),

numbered as (

    select
        *,
        sum(case when is_continuation then 0 else 1 end) over (
            partition by child_key
            order by placement_row_number
            rows between unbounded preceding and current row
        ) as placement_sequence
    from flagged

),

final as (

    select
        cla_placement_id,
        cla_id,
        child_key,
        placement_row_number,
        placement_sequence,
        first_value(cla_placement_id) over (
            partition by child_key, placement_sequence
            order by placement_row_number
            rows between unbounded preceding and unbounded following
        ) as merged_placement_id,
        is_continuation,
        {%- for column in placement_columns %}
        {{ column }},
        {%- endfor %}
        is_placed_over_20_miles,
        placement_la_location
    from numbered

)

select * from final
