-- One row per period of care (episodes sharing cla_id, or a lone episode without one).

with

periods_of_care as (select * from {{ ref('int_cla_periods_of_care') }}),

final as (

    select
        child_key,
        period_of_care_id,
        is_own_period_of_care,
        period_start_date,
        period_end_date,
        episode_count,
        start_legal_status_code,
        is_short_break_period
    from periods_of_care

)

select * from final
