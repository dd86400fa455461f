-- One row per CLA episode with a start date, with its period of care.

with

episodes as (select * from {{ ref('int_cla_episodes') }}),

periods_of_care as (select * from {{ ref('int_cla_periods_of_care') }}),

final as (

    select
        episodes.cla_episode_id,
        episodes.child_key,
        episodes.period_of_care_id,
        episodes.is_own_period_of_care,
        periods_of_care.period_start_date as period_of_care_start_date,
        episodes.episode_start_date,
        episodes.episode_ceased_date,
        episodes.start_reason_code,
        episodes.is_known_start_reason,
        episodes.ceased_reason_code,
        episodes.is_known_ceased_reason,
        episodes.primary_need_code,
        episodes.is_known_primary_need,
        episodes.cla_placement_id,
        episodes.referral_id
    from episodes
    inner join periods_of_care
        on episodes.child_key = periods_of_care.child_key
        and episodes.period_of_care_id = periods_of_care.period_of_care_id
        and episodes.is_own_period_of_care = periods_of_care.is_own_period_of_care

)

select * from final
