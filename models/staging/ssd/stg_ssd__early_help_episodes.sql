with source as (select * from {{ ref('base_ssd__early_help_episodes') }}),

typed as (
    select
        {{ clean_text('earl_episode_id') }} as early_help_episode_id,
        {{ clean_text('earl_person_id') }} as person_id,
        {{ pseudonymise('earl_person_id') }} as child_key,
        {{ parse_date('earl_episode_start_date') }} as early_help_start_date,
        {{ parse_date('earl_episode_end_date') }} as early_help_end_date,
        {{ clean_text('earl_episode_reason') }} as early_help_reason,
        {{ clean_text('earl_episode_end_reason') }} as early_help_end_reason,
        {{ clean_text('earl_episode_organisation') }} as early_help_organisation,
        {{ clean_text('earl_episode_worker_id') }} as early_help_worker_id,
        {{ clean_text('earl_episode_team') }} as early_help_team_id,
        {{ parse_errors('ssd', 'ssd_early_help_episodes') }} as parse_errors,
        source.landing_row_number
    from source
),

final as (
    {{ keep_first_per_key('typed', 'early_help_episode_id') }}
)

select * from final
