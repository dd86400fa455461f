with source as (select * from {{ ref('base_ssd__cla_episodes') }}),

typed as (
    select
        {{ clean_text('clae_cla_episode_id') }} as cla_episode_id,
        {{ clean_text('clae_person_id') }} as person_id,
        {{ pseudonymise('clae_person_id') }} as child_key,
        {{ parse_date('clae_cla_episode_start_date') }} as episode_start_date,
        {{ map_code('clae_cla_episode_start_reason') }} as start_reason_code,
        {{ is_known_code('clae_cla_episode_start_reason') }} as is_known_start_reason,
        {{ map_code('clae_cla_primary_need_code') }} as primary_need_code,
        {{ is_known_code('clae_cla_primary_need_code') }} as is_known_primary_need,
        {{ parse_date('clae_cla_episode_ceased_date') }} as episode_ceased_date,
        {{ map_code('clae_cla_episode_ceased_reason') }} as ceased_reason_code,
        {{ is_known_code('clae_cla_episode_ceased_reason') }} as is_known_ceased_reason,
        {{ clean_text('clae_cla_id') }} as cla_id,
        {{ clean_text('clae_referral_id') }} as referral_id,
        {{ clean_text('clae_cla_placement_id') }} as cla_placement_id,
        {{ parse_date('clae_entered_care_date') }} as entered_care_date,
        {{ parse_date('clae_cla_last_iro_contact_date') }} as last_iro_contact_date,
        {{ parse_errors('ssd', 'ssd_cla_episodes') }} as parse_errors,
        source.landing_row_number
    from source
    {{ join_code_lookups({'clae_cla_episode_start_reason': 'reason_new_episode', 'clae_cla_primary_need_code': 'primary_need', 'clae_cla_episode_ceased_reason': 'reason_episode_ceased'}) }}
),

final as (
    {{ keep_first_per_key('typed', 'cla_episode_id') }}
)

select * from final
