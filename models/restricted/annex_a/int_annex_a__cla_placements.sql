{#
    The List 8 period of each child with its review, visit and plan (int_annex_a__cla_care)
    and its placements, health checks and missing episodes (docs/contracts/annex-a.md
    "List 8"), one row per child:
    - last_health_assessment_date / last_dental_check_date: the child's latest COMPLETED
      check of that type on or before R, whatever the period;
    - placements_in_last_12_months: the child's merged placements (int_cla_placements) open
      at some time in (R - 12 months, R];
    - the most recent placement: our reading of "the merged placement open at R, else the
      period's last one": of the merged placements starting on or before D and not ended on
      or before the period's start, the one open at D, else the latest started (then the
      greatest id); its start and type (the last row's), and its last row's provider, URN,
      LA code and LA location (stg_ssd__cla_placements);
    - missing_episodes / absent_episodes: the child's M / A episodes starting in W12;
      rhi_offered_code / rhi_accepted_code: the flags of the child's latest M episode ending
      in W12 (end, then start, then id); has_missing_in_w12: there is one.
#}

with

periods as (select * from {{ ref('int_annex_a__cla_care') }}),

merged_placements as (select * from {{ ref('int_cla_placements') }}),

placement_rows as (select * from {{ ref('stg_ssd__cla_placements') }}),

missing_episodes as (select * from {{ ref('stg_ssd__missing_episodes') }}),

health_checks as (select * from {{ ref('stg_ssd__cla_health_checks') }}),

latest_checks as (
    select
        periods.child_key,
        max(case when health_checks.health_check_type_code = 'HEALTH_ASSESSMENT' then health_checks.health_check_date end)
            as last_health_assessment_date,
        max(case when health_checks.health_check_type_code = 'DENTAL_CHECK' then health_checks.health_check_date end)
            as last_dental_check_date
    from periods
    inner join health_checks
        on periods.child_key = health_checks.child_key
    where
        health_checks.health_check_status_code = 'COMPLETED'
        and health_checks.health_check_date <= periods.as_at_date
    group by periods.child_key
),

placement_counts as (
    select
        periods.child_key,
        count(*) as placements_in_last_12_months
    from periods
    inner join merged_placements
        on periods.child_key = merged_placements.child_key
    where {{ is_open_during('merged_placements.placement_start_date', 'merged_placements.placement_end_date',
                            'periods.w12_start', 'periods.as_at_date') }}
    group by periods.child_key
),

latest_placements as (
    select
        periods.child_key,
        merged_placements.placement_start_date,
        merged_placements.latest_placement_type_code,
        merged_placements.latest_cla_placement_id,
        row_number() over (
            partition by periods.child_key
            order by
                case
                    when {{ is_open_at('merged_placements.placement_start_date', 'merged_placements.placement_end_date',
                                       'periods.status_date') }} then 0
                    else 1
                end,
                merged_placements.placement_start_date desc,
                cast(merged_placements.merged_placement_id as {{ dbt.type_string() }}) desc
        ) as placement_rank
    from periods
    inner join merged_placements
        on
        periods.child_key = merged_placements.child_key
        and periods.status_date >= merged_placements.placement_start_date
        and periods.period_start_date < coalesce(merged_placements.placement_end_date, cast('9999-12-31' as date))
),

missing_counts as (
    select
        periods.child_key,
        count(case when missing_episodes.missing_episode_type_code = 'M' then 1 end) as missing_episodes,
        count(case when missing_episodes.missing_episode_type_code = 'A' then 1 end) as absent_episodes
    from periods
    inner join missing_episodes
        on periods.child_key = missing_episodes.child_key
    where
        missing_episodes.missing_start_date > periods.w12_start
        and missing_episodes.missing_start_date <= periods.as_at_date
    group by periods.child_key
),

last_missing as (
    select
        periods.child_key,
        missing_episodes.rhi_offered_code,
        missing_episodes.rhi_accepted_code,
        row_number() over (
            partition by periods.child_key
            order by
                missing_episodes.missing_end_date desc,
                missing_episodes.missing_start_date desc,
                cast(missing_episodes.missing_episode_id as {{ dbt.type_string() }}) desc
        ) as missing_rank
    from periods
    inner join missing_episodes
        on periods.child_key = missing_episodes.child_key
    where
        missing_episodes.missing_episode_type_code = 'M'
        and missing_episodes.missing_end_date > periods.w12_start
        and missing_episodes.missing_end_date <= periods.as_at_date
),

final as (
    select
        periods.*,
        latest_checks.last_health_assessment_date,
        latest_checks.last_dental_check_date,
        coalesce(placement_counts.placements_in_last_12_months, 0) as placements_in_last_12_months,
        latest_placements.placement_start_date as latest_placement_start_date,
        latest_placements.latest_placement_type_code as placement_type_code,
        placement_rows.placement_provider_code,
        placement_rows.placement_urn,
        placement_rows.placement_la_code,
        placement_rows.placement_la_location,
        coalesce(missing_counts.missing_episodes, 0) as missing_episodes,
        coalesce(missing_counts.absent_episodes, 0) as absent_episodes,
        last_missing.child_key is not null as has_missing_in_w12,
        last_missing.rhi_offered_code,
        last_missing.rhi_accepted_code
    from periods
    left join latest_checks
        on periods.child_key = latest_checks.child_key
    left join placement_counts
        on periods.child_key = placement_counts.child_key
    left join latest_placements
        on
        periods.child_key = latest_placements.child_key
        and latest_placements.placement_rank = 1
    left join placement_rows
        on latest_placements.latest_cla_placement_id = placement_rows.cla_placement_id
    left join missing_counts
        on periods.child_key = missing_counts.child_key
    left join last_missing
        on
        periods.child_key = last_missing.child_key
        and last_missing.missing_rank = 1
)

select * from final
