-- One row per CLA episode with a start date, tagged with the period of care it belongs to.
-- A period of care is the set of a child's episodes sharing `cla_id` (clae_cla_id); an episode
-- without one is a period of care on its own (kpis.md, Children in care).

with

episodes as (select * from {{ ref('stg_ssd__cla_episodes') }}),

final as (

    -- episodes with a start date, each in its period of care (its own when cla_id is null)
    select
        cla_episode_id,
        child_key,
        cla_id,
        coalesce(cla_id, cla_episode_id) as period_of_care_id,
        cla_id is null as is_own_period_of_care,
        episode_start_date,
        episode_ceased_date,
        start_reason_code,
        is_known_start_reason,
        ceased_reason_code,
        is_known_ceased_reason,
        primary_need_code,
        is_known_primary_need,
        cla_placement_id,
        referral_id
    from episodes
    where episode_start_date is not null

)

select * from final
