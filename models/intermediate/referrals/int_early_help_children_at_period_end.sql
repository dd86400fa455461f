{#
    One row per child and period end P with an early help episode open at P
    (kpis-inspection.md `early_help_open`): start <= P, end null or after P. Of several, the
    current record (latest start, then greatest id as text; macro
    current_record_at_period_end) gives the child's team, and so locality and service (team
    attributes; `earl_episode_team` is optional: without it they are unknown).
#}

with

periods as (select * from {{ ref('int_reporting_periods') }}),

episodes as (select * from {{ ref('stg_ssd__early_help_episodes') }}),

teams as (select * from {{ ref('int_teams') }}),

open_episodes as (

    {{ current_record_at_period_end(
        'episodes', 'early_help_episode_id', 'early_help_start_date', 'early_help_end_date',
        columns=['early_help_team_id']
    ) }}

),

final as (

    select
        open_episodes.child_key,
        open_episodes.period_end,
        open_episodes.early_help_episode_id,
        {{ team_attributes('open_episodes.early_help_team_id') }}
    from open_episodes
    left join teams
        on open_episodes.early_help_team_id = teams.team_id

)

select * from final
