-- Annex A List 8 has one row per child with a period of care, not a short break, open at R or
-- ended in W6 (annex-a.md "Checks"). Read here straight from staging: a period of care is the
-- child's episodes sharing clae_cla_id (an episode without one is its own); it starts at its
-- earliest episode start and ends at its latest ceased date once every episode has ceased; it
-- is a short break when the SSDA903 legal status open at its start (latest start, then id) is
-- V3 or V4.
{% set expected %}
with periods as (
    select
        episodes.child_key,
        coalesce(episodes.cla_id, episodes.cla_episode_id) as period_id,
        episodes.cla_id is null as is_own,
        min(episodes.episode_start_date) as period_start,
        case when count(*) = count(episodes.episode_ceased_date) then max(episodes.episode_ceased_date) end
            as period_end
    from {{ ref('stg_ssd__cla_episodes') }} as episodes
    where episodes.episode_start_date is not null and episodes.person_id is not null
    group by 1, 2, 3
),

status_at_start as (
    select
        periods.child_key,
        periods.period_id,
        periods.is_own,
        statuses.legal_status_code,
        row_number() over (
            partition by periods.child_key, periods.period_id, periods.is_own
            order by statuses.legal_status_start_date desc, cast(statuses.legal_status_id as {{ dbt.type_string() }}) desc
        ) as status_order
    from periods
    inner join {{ ref('stg_ssd__legal_statuses') }} as statuses
        on
        periods.child_key = statuses.child_key
        and statuses.is_ssda903_legal_status
        and statuses.legal_status_start_date <= periods.period_start
        and (statuses.legal_status_end_date is null or statuses.legal_status_end_date > periods.period_start)
)

select count(distinct periods.child_key) as expected_rows
from periods
cross join check_dates
left join status_at_start
    on
    periods.child_key = status_at_start.child_key
    and periods.period_id = status_at_start.period_id
    and periods.is_own = status_at_start.is_own
    and status_at_start.status_order = 1
where
    coalesce(status_at_start.legal_status_code, '') not in ('V3', 'V4')
    and {{ annex_a_check_open_in_w6('periods.period_start', 'periods.period_end') }}
{% endset %}
{{ annex_a_row_count_check('rpt_annex_a__list_08_cla', expected) }}
