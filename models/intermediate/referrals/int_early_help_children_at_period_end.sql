{#
    One row per child and period end P with an early help episode open at P
    (kpis-inspection.md `early_help_open`): start <= P, end null or after P. Of several, the
    one with the latest start, then the greatest id as text, gives the child's team, and so
    locality and service (team attributes; `earl_episode_team` is optional: without it they
    are unknown).
#}

with

periods as (select * from {{ ref('int_reporting_periods') }}),

episodes as (select * from {{ ref('stg_ssd__early_help_episodes') }}),

teams as (select * from {{ ref('int_teams') }}),

open_episodes_ranked as (

    select
        episodes.child_key,
        periods.period_end,
        episodes.early_help_episode_id,
        episodes.early_help_team_id,
        {{ current_record_rank(
            ['episodes.child_key', 'periods.period_end'],
            ['episodes.early_help_start_date', 'cast(episodes.early_help_episode_id as ' ~ dbt.type_string() ~ ')']
        ) }} as episode_recency_rank
    from episodes
    inner join periods
        on {{ is_open_at('episodes.early_help_start_date', 'episodes.early_help_end_date', 'periods.period_end') }}
    where episodes.child_key is not null

),

final as (

    select
        open_episodes_ranked.child_key,
        open_episodes_ranked.period_end,
        open_episodes_ranked.early_help_episode_id,
        {{ team_attributes('open_episodes_ranked.early_help_team_id') }}
    from open_episodes_ranked
    left join teams
        on open_episodes_ranked.early_help_team_id = teams.team_id
    where open_episodes_ranked.episode_recency_rank = 1

)

select * from final
