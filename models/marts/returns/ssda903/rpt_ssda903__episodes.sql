{#
    SSDA903 Episodes (docs/contracts/returns.md "SSDA903"): one row per episode of care
    open at any time in the collection year - it starts on or before 31 March and has not
    ended before 1 April (an episode that ended on 31 March of the year before is last
    year's; one that started before 1 April and was open on it is this year's), as the DfE's
    rules read "during the year" (lac_validator utils: DECOM <= year end and DEC >= year
    start or blank). An episode without a readable start date cannot be placed in a year and
    is left out (a landing data-quality finding already). An episode that ended after 31
    March is open at the year end in this year's return: DEC, REC and
    REASON_PLACE_CHANGE are blank.

    LS is the legal status open on DECOM (open at D: start <= D < end; several open: the
    latest start, then the greatest id); PLACE, PLACE_PROVIDER and URN come from the
    episode's placement (clae_cla_placement_id), or, when the episode names none, the
    placement open on DECOM; the 903 has no provider for a temporary placement (T0-T4) or
    Z1, so PLACE_PROVIDER is blank there (rule 178). REASON_PLACE_CHANGE is the placement's change reason on an
    episode that ends with X1 and is followed by a change of placement (next RNE P, B, T
    or U), neither placement temporary (T0-T4): the DfE's rules 225/226 read it there and
    only there. HOME_POST and PL_POST stay blank: postcodes never leave staging
    (landing.md). Dates are dates here; csc returns writes them as DD/MM/YYYY.
#}
-- The DfE's column names are quoted so that they stay upper case on every engine (PostgreSQL
-- folds an unquoted name to lower case).
-- noqa: disable=RF06

with

return_years as (select * from {{ ref('int_return_years') }}),

placements as (select * from {{ ref('stg_ssd__cla_placements') }}),

episodes as (select * from {{ ref('stg_ssd__cla_episodes') }}),

legal_statuses as (select * from {{ ref('stg_ssd__legal_statuses') }}),

episodes_in_year as (

    select
        episodes.*,
        return_years.collection_year,
        return_years.year_end
    from episodes
    cross join return_years
    where episodes.episode_start_date is not null
        and episodes.person_id is not null
        and episodes.episode_start_date <= return_years.year_end
        and (
            episodes.episode_ceased_date is null
            or episodes.episode_ceased_date >= return_years.year_start
        )

),

legal_status_at_start as (

    select
        episodes_in_year.cla_episode_id,
        legal_statuses.legal_status_code,
        {{ current_record_rank(
            ['episodes_in_year.cla_episode_id'],
            ['legal_statuses.legal_status_start_date', 'cast(legal_statuses.legal_status_id as ' ~ dbt.type_string() ~ ')']
        ) }} as legal_status_recency_rank
    from episodes_in_year
    inner join legal_statuses
        on episodes_in_year.child_key = legal_statuses.child_key
        and {{ is_open_at(
            'legal_statuses.legal_status_start_date',
            'legal_statuses.legal_status_end_date',
            'episodes_in_year.episode_start_date'
        ) }}
        -- only SSDA903 legal statuses: another order never hides the episode's LS
        and legal_statuses.is_ssda903_legal_status

),

placement_open_at_start as (

    select
        episodes_in_year.cla_episode_id,
        placements.cla_placement_id,
        {{ current_record_rank(
            ['episodes_in_year.cla_episode_id'],
            ['placements.placement_start_date', 'cast(placements.cla_placement_id as ' ~ dbt.type_string() ~ ')']
        ) }} as placement_recency_rank
    from episodes_in_year
    inner join placements
        on episodes_in_year.child_key = placements.child_key
        and {{ is_open_at(
            'placements.placement_start_date',
            'placements.placement_end_date',
            'episodes_in_year.episode_start_date'
        ) }}
    where episodes_in_year.cla_placement_id is null

),

described as (

    select
        episodes_in_year.collection_year,
        episodes_in_year.year_end,
        episodes_in_year.cla_episode_id,
        episodes_in_year.child_key,
        episodes_in_year.person_id,
        episodes_in_year.landing_row_number,
        episodes_in_year.episode_start_date,
        episodes_in_year.start_reason_code,
        legal_status_at_start.legal_status_code,
        episodes_in_year.primary_need_code,
        placements.placement_type_code,
        placements.placement_provider_code,
        placements.placement_urn,
        placements.change_reason_code,
        episodes_in_year.episode_ceased_date,
        episodes_in_year.ceased_reason_code,
        lead(episodes_in_year.start_reason_code) over child_episode_order as next_start_reason_code,
        lead(placements.placement_type_code) over child_episode_order as next_placement_type_code
    from episodes_in_year
    left join legal_status_at_start
        on episodes_in_year.cla_episode_id = legal_status_at_start.cla_episode_id
        and legal_status_at_start.legal_status_recency_rank = 1
    left join placement_open_at_start
        on episodes_in_year.cla_episode_id = placement_open_at_start.cla_episode_id
        and placement_open_at_start.placement_recency_rank = 1
    left join placements
        on coalesce(episodes_in_year.cla_placement_id, placement_open_at_start.cla_placement_id)
        = placements.cla_placement_id
    window child_episode_order as (
        partition by episodes_in_year.child_key
        order by episodes_in_year.episode_start_date, episodes_in_year.cla_episode_id
    )

),

final as (

    select
        collection_year,
        row_number() over (
            order by person_id, episode_start_date, cla_episode_id
        ) as return_row,
        person_id as "CHILD",
        episode_start_date as "DECOM",
        start_reason_code as "RNE",
        legal_status_code as "LS",
        primary_need_code as "CIN",
        placement_type_code as "PLACE",
        case
            when placement_type_code not in ('T0', 'T1', 'T2', 'T3', 'T4', 'Z1')
                then placement_provider_code
        end as "PLACE_PROVIDER",
        case when episode_ceased_date <= year_end then episode_ceased_date end as "DEC",
        case when episode_ceased_date <= year_end then ceased_reason_code end as "REC",
        case
            when episode_ceased_date <= year_end
                and ceased_reason_code = 'X1'
                and next_start_reason_code in ('P', 'B', 'T', 'U')
                and coalesce(placement_type_code, '') not in ('T0', 'T1', 'T2', 'T3', 'T4')
                and coalesce(next_placement_type_code, '') not in ('T0', 'T1', 'T2', 'T3', 'T4')
                then change_reason_code
        end as "REASON_PLACE_CHANGE",
        cast(null as {{ dbt.type_string() }}) as "HOME_POST",
        cast(null as {{ dbt.type_string() }}) as "PL_POST",
        placement_urn as "URN",
        child_key,
        'ssd_cla_episodes' as landing_table,
        landing_row_number
    from described

)

select * from final
