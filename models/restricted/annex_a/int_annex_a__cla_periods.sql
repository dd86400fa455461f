{#
    The period of care of each child for Annex A List 8 (docs/contracts/annex-a.md "List 8"),
    one row per child: of the child's periods of care (int_cla_periods_of_care) that are not a
    short break (V3/V4) and are open at R or ended in W6 (start on or before R; end null or
    after R - 6 months), the latest (start date, then period id), with:
    - person_id: the child's person id, from ssd_cla_episodes;
    - period_end_date: the end only when on or before R; status_date (D): that end when the
      period ended on or before R, else R;
    - is_second_period: the child has another non-short-break period of care that ended after
      R - 12 months and on or before this period's start (Assumption of the contract);
    - primary_need_code: of the period's earliest episode (start, then id);
    - last_iro_contact_date, referral_id: of the period's latest episode started on or before
      R (start, then id); the IRO date only when on or before R;
    - ceased_reason_code: of the period's last episode, only when the period ended on or
      before R;
    - legal status: the one open at D (current record: latest start, then id; macro
      annex_a_record_at_d) among the SSDA903 statuses (int_cla_legal_statuses). Our reading
      of "at the period's end" for an ended period: the status running on its last day in
      care, start on or before the end and end null or on or after it (a status ending on
      the ceased date, as SSDA903 records it, is the period's); at R, start on or before R
      and end null or after R.
    It carries R, R - 12 months and the is_<file>_supplied / has_<column> flags List 8 needs.
#}

with

periods as (select * from {{ ref('int_cla_periods_of_care') }}),

episodes as (select * from {{ ref('int_cla_episodes') }}),

episode_rows as (select * from {{ ref('stg_ssd__cla_episodes') }}),

legal_statuses as (select * from {{ ref('int_cla_legal_statuses') }}),

parameters as (select * from {{ ref('int_annex_a__parameters') }}),

persons as (
    select
        child_key,
        min(person_id) as person_id
    from episode_rows
    where person_id is not null
    group by child_key
),

in_window as (
    {{ annex_a_open_in_w6('periods', 'child_key', 'period_start_date', 'period_end_date', 'period_of_care_id',
                          'periods.is_short_break_period', 'period_recency_rank') }}
),

chosen as (
    select
        in_window.child_key,
        in_window.period_of_care_id,
        in_window.is_own_period_of_care,
        in_window.period_start_date,
        {{ annex_a_by_r('in_window.period_end_date') }} as period_end_date,
        {{ annex_a_end_or_r('in_window.period_end_date') }} as status_date,
        in_window.period_end_date <= parameters.as_at_date as has_ended
    from in_window
    cross join parameters
    where in_window.period_recency_rank = 1
),

earlier_periods as (
    select distinct chosen.child_key
    from chosen
    cross join parameters
    inner join periods as earlier
        on
        chosen.child_key = earlier.child_key
        and not (
            chosen.period_of_care_id = earlier.period_of_care_id
            and chosen.is_own_period_of_care = earlier.is_own_period_of_care
        )
        and not earlier.is_short_break_period
        and parameters.w12_start < earlier.period_end_date
        and chosen.period_start_date >= earlier.period_end_date
),

period_episodes as (
    select
        chosen.child_key,
        episodes.cla_episode_id,
        episodes.primary_need_code,
        episodes.ceased_reason_code,
        episodes.referral_id,
        episode_rows.last_iro_contact_date,
        row_number() over (
            partition by chosen.child_key
            order by episodes.episode_start_date asc, cast(episodes.cla_episode_id as {{ dbt.type_string() }}) asc
        ) as first_rank,
        {{ current_record_rank(['chosen.child_key'],
                               ['episodes.episode_start_date', 'cast(episodes.cla_episode_id as ' ~ dbt.type_string() ~ ')']) }}
            as last_rank
    from chosen
    cross join parameters
    inner join episodes
        on
        chosen.child_key = episodes.child_key
        and chosen.period_of_care_id = episodes.period_of_care_id
        and chosen.is_own_period_of_care = episodes.is_own_period_of_care
    left join episode_rows
        on episodes.cla_episode_id = episode_rows.cla_episode_id
    where episodes.episode_start_date <= parameters.as_at_date
),

statuses_at_d as (
    {{ annex_a_record_at_d('chosen', 'legal_statuses', 'legal_status_id', 'legal_status_start_date',
                           'legal_status_end_date', 'chosen.has_ended',
                           columns=['legal_status_code', 'legal_status_start_date']) }}
),

final as (
    select
        chosen.child_key,
        persons.person_id,
        chosen.period_of_care_id,
        chosen.period_start_date,
        chosen.period_end_date,
        chosen.status_date,
        earlier_periods.child_key is not null as is_second_period,
        first_episode.primary_need_code,
        {{ annex_a_by_r('last_episode.last_iro_contact_date') }} as last_iro_contact_date,
        last_episode.referral_id,
        case when chosen.has_ended then last_episode.ceased_reason_code end as ceased_reason_code,
        statuses_at_d.legal_status_code,
        statuses_at_d.legal_status_start_date,
        parameters.as_at_date,
        parameters.w12_start,
        parameters.is_disability_supplied,
        parameters.is_immigration_status_supplied,
        parameters.is_cla_reviews_supplied,
        parameters.is_cla_care_plan_supplied,
        parameters.is_missing_supplied,
        parameters.has_iro_contact_column,
        parameters.has_placement_la_column
    from chosen
    cross join parameters
    left join persons
        on chosen.child_key = persons.child_key
    left join earlier_periods
        on chosen.child_key = earlier_periods.child_key
    left join period_episodes as first_episode
        on
        chosen.child_key = first_episode.child_key
        and first_episode.first_rank = 1
    left join period_episodes as last_episode
        on
        chosen.child_key = last_episode.child_key
        and last_episode.last_rank = 1
    left join statuses_at_d
        on chosen.child_key = statuses_at_d.child_key
)

select * from final
