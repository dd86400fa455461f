-- One row per period of care: the episodes of a child sharing cla_id, or a lone episode
-- without one. Start = earliest episode start (entered_care_date is not used); end = latest
-- ceased date once every episode has ceased, else null. A short-break period is one whose
-- legal status open at its start date is V3 or V4.

with

episodes as (select * from {{ ref('int_cla_episodes') }}),

legal_statuses as (select * from {{ ref('int_cla_legal_statuses') }}),

periods as (

    select
        child_key,
        period_of_care_id,
        is_own_period_of_care,
        min(episode_start_date) as period_start_date,
        max(episode_ceased_date) as latest_ceased_date,
        count(*) as episode_count,
        sum(case when episode_ceased_date is null then 1 else 0 end) as open_episode_count
    from episodes
    group by child_key, period_of_care_id, is_own_period_of_care

),

legal_status_at_start_ranked as (

    select
        periods.child_key,
        periods.period_of_care_id,
        periods.is_own_period_of_care,
        legal_statuses.legal_status_code,
        legal_statuses.is_short_break,
        {{ current_record_rank(
            ['periods.child_key', 'periods.period_of_care_id', 'periods.is_own_period_of_care'],
            ['legal_statuses.legal_status_start_date', 'legal_statuses.legal_status_id']
        ) }} as legal_status_rank
    from periods
    inner join legal_statuses
        on periods.child_key = legal_statuses.child_key
        and {{ is_open_at(
            'legal_statuses.legal_status_start_date',
            'legal_statuses.legal_status_end_date',
            'periods.period_start_date'
        ) }}

),

legal_status_at_start as (

    select * from legal_status_at_start_ranked
    where legal_status_rank = 1

),

final as (

    select
        periods.child_key,
        periods.period_of_care_id,
        periods.is_own_period_of_care,
        periods.period_start_date,
        case
            when periods.open_episode_count = 0 then periods.latest_ceased_date
        end as period_end_date,
        periods.episode_count,
        legal_status_at_start.legal_status_code as start_legal_status_code,
        coalesce(legal_status_at_start.is_short_break, false) as is_short_break_period
    from periods
    left join legal_status_at_start
        on periods.child_key = legal_status_at_start.child_key
        and periods.period_of_care_id = legal_status_at_start.period_of_care_id
        and periods.is_own_period_of_care = legal_status_at_start.is_own_period_of_care

)

select * from final
