{#
    One row per missing episode (ssd_missing) with the child's status on its start date D
    (kpis-inspection.md "Missing episodes of a looked-after child"): the child is looked
    after at D when an episode of care is open at D and the legal status at D (current
    record among the SSDA903 statuses) is not a short break (V3/V4). The table also holds
    missing-from-home episodes: var missing_population = cla (default) keeps the episodes of
    looked-after children in the KPIs' population, `all` every episode.
    - `M` is missing (whereabouts unknown), `A` away from placement without authorisation;
    - the return home interview (RHI) flags count only when Y (N, NA, unknown: not set);
    - is_rhi_offered_in_time: the offer is dated on or after the return (end) date and at
      most var rhi_offer_days (3: 72 hours on dates) after it; the KPI adds "and on or
      before P". An offered flag of Y with no offer date is not in time (and is reported).
#}

{%- set population = var('missing_population') %}
{%- if population not in ['cla', 'all'] %}
    {{ exceptions.raise_compiler_error("var missing_population must be 'cla' or 'all', not '" ~ population ~ "'") }}
{%- endif %}

with

missing_episodes as (select * from {{ ref('stg_ssd__missing_episodes') }}),

episodes as (select * from {{ ref('int_cla_episodes') }}),

legal_statuses as (select * from {{ ref('int_cla_legal_statuses') }}),

in_care_at_start as (

    select distinct missing_episodes.missing_episode_id
    from missing_episodes
    inner join episodes
        on
        missing_episodes.child_key = episodes.child_key
        and {{ is_open_at(
                'episodes.episode_start_date', 'episodes.episode_ceased_date', 'missing_episodes.missing_start_date'
            ) }}

),

legal_status_at_start_ranked as (

    select
        missing_episodes.missing_episode_id,
        legal_statuses.is_short_break,
        {{ current_record_rank(
            ['missing_episodes.missing_episode_id'],
            ['legal_statuses.legal_status_start_date', 'legal_statuses.legal_status_id']
        ) }} as legal_status_rank
    from missing_episodes
    inner join legal_statuses
        on
        missing_episodes.child_key = legal_statuses.child_key
        and {{ is_open_at(
                'legal_statuses.legal_status_start_date',
                'legal_statuses.legal_status_end_date',
                'missing_episodes.missing_start_date'
            ) }}

),

final as (

    select
        missing_episodes.missing_episode_id,
        missing_episodes.child_key,
        missing_episodes.missing_start_date,
        missing_episodes.missing_end_date,
        missing_episodes.missing_episode_type_code = 'M' as is_missing,
        missing_episodes.missing_episode_type_code = 'A' as is_away,
        in_care_at_start.missing_episode_id is not null
        and not coalesce(legal_status_at_start.is_short_break, false) as is_looked_after_at_start,
        {% if population == 'all' -%}
        true
        {%- else -%}
        in_care_at_start.missing_episode_id is not null
        and not coalesce(legal_status_at_start.is_short_break, false)
        {%- endif %} as is_in_population,
        coalesce(missing_episodes.is_rhi_offered, false) as is_rhi_offered,
        coalesce(missing_episodes.is_rhi_accepted, false) as is_rhi_accepted,
        missing_episodes.rhi_offered_date,
        coalesce(
            missing_episodes.rhi_offered_date >= missing_episodes.missing_end_date
            and missing_episodes.rhi_offered_date
            <= cast({{ dbt.dateadd('day', var('rhi_offer_days') | int, 'missing_episodes.missing_end_date') }} as date),
            false
        ) as is_rhi_offered_in_time
    from missing_episodes
    left join in_care_at_start
        on missing_episodes.missing_episode_id = in_care_at_start.missing_episode_id
    left join legal_status_at_start_ranked as legal_status_at_start
        on
        missing_episodes.missing_episode_id = legal_status_at_start.missing_episode_id
        and legal_status_at_start.legal_status_rank = 1
    where missing_episodes.child_key is not null

)

select * from final
