{#
    SSDA903 OC3, care leavers (docs/contracts/returns.md "SSDA903"): one row per young
    person of the OC3 cohort (macro ssda903_in_oc3_cohort: a RELEVANT or FORMER_RELEVANT
    care leaver whose 17th to 21st birthday falls in the year), CHILD and DOB as in the
    Header.

    Left out, because the DfE wants no care leaver information for them and a row without
    it fails rules 131-133: a 17- or 18-year-old still looked after on the birthday (an
    episode open on it; rule 1007), and a young person whose last episode of the year ended
    with care transferred to another authority (REC E3; rule 1011), which returns them.
    Left out too: a young person first looked after after the birthday in the year (no
    episode of ssd_cla_episodes, all history, starts on or before it). On the birthday they
    were not a care leaver, so the DfE has no situation to ask about; they come into the
    cohort with their next birthday. Our reading: the 903 guide asks about the young
    person's situation as a care leaver "on or around" the birthday, which presumes they had
    been looked after by then; rules 131-133 would otherwise name them with nothing to fix.

    The DfE asks for the young person's situation "on or around" the birthday. Our reading:
    the monthly state of ssd_care_leavers whose extract date is nearest the birthday, from
    3 months before it to 1 month after it (equally near: the later). In a provisional
    return a birthday after the as-at date has no state yet: the state nearest the as-at
    date stands in (the latest). With no state in the window IN_TOUCH, ACTIV and ACCOM
    stay blank (the DfE's rules 131-133 then name the young person: contact to record).

    A young person who has died or has been home with parents for 6 months or more
    (IN_TOUCH DIED, RHOM) has ACTIV and ACCOM 0, as the 903 codes it (rule 344). Otherwise
    ACCOM is the type letter with 1 (suitable) or 2 (not suitable): the suitability column
    when it is filled, else the second character of a two-character code; `0` (no
    information) stays `0`.
#}
-- The DfE's column names are quoted so that they stay upper case on every engine (PostgreSQL
-- folds an unquoted name to lower case).
-- noqa: disable=RF06

with

return_years as (select * from {{ ref('int_return_years') }}),

header as (select * from {{ ref('rpt_ssda903__header') }}),

care_leavers as (select * from {{ ref('stg_ssd__care_leavers') }}),

episodes as (select * from {{ ref('rpt_ssda903__episodes') }}),

all_episodes as (select * from {{ ref('stg_ssd__cla_episodes') }}),

cohort as (

    select distinct
        header.child_key,
        header."CHILD",
        header."DOB",
        {{ age_at('header."DOB"', 'return_years.year_end') }} as age_at_year_end,
        {{ dbt.dateadd('year', age_at('header."DOB"', 'return_years.year_end'), 'header."DOB"') }}
            as birthday_in_year,
        least(
            {{ dbt.dateadd('year', age_at('header."DOB"', 'return_years.year_end'), 'header."DOB"') }},
            return_years.as_at_date
        ) as state_reference_date
    from header
    inner join care_leavers
        on header.child_key = care_leavers.child_key
    cross join return_years
    where {{ ssda903_in_oc3_cohort(
        'care_leavers.eligibility_code', 'care_leavers.extract_date', 'header."DOB"',
        'return_years.as_at_date', 'return_years.year_end'
    ) }}

),

states_near_birthday as (

    select
        cohort.child_key,
        care_leavers.in_touch_code,
        care_leavers.activity_code,
        care_leavers.accommodation_code,
        care_leavers.is_accommodation_suitable,
        care_leavers.landing_row_number,
        row_number() over (
            partition by cohort.child_key
            order by
                abs({{ dbt.datediff('cohort.state_reference_date', 'care_leavers.extract_date', 'day') }}),
                care_leavers.extract_date desc,
                care_leavers.care_leaver_row_id desc
        ) as nearness_rank
    from cohort
    inner join care_leavers
        on cohort.child_key = care_leavers.child_key
    cross join return_years
    where care_leavers.extract_date <= return_years.as_at_date
        and care_leavers.extract_date >= {{ dbt.dateadd('month', -3, 'cohort.state_reference_date') }}
        and care_leavers.extract_date <= {{ dbt.dateadd('month', 1, 'cohort.state_reference_date') }}

),

looked_after_on_birthday as (

    select distinct cohort.child_key
    from cohort
    inner join episodes
        on cohort.child_key = episodes.child_key
    where cohort.age_at_year_end in (17, 18)
        and {{ is_open_at('episodes."DECOM"', 'episodes."DEC"', 'cohort.birthday_in_year') }}

),

first_looked_after_after_birthday as (

    select cohort.child_key
    from cohort
    inner join all_episodes
        on cohort.child_key = all_episodes.child_key
    group by cohort.child_key, cohort.birthday_in_year
    having min(all_episodes.episode_start_date) > cohort.birthday_in_year

),

last_episodes as (

    select
        child_key,
        "REC",
        row_number() over (partition by child_key order by "DECOM" desc) as episode_recency_rank
    from episodes

),

transferred_to_another_authority as (

    select child_key
    from last_episodes
    where episode_recency_rank = 1
        and "REC" = 'E3'

),

final as (

    select
        return_years.collection_year,
        row_number() over (order by cohort."CHILD") as return_row,
        cohort."CHILD",
        cohort."DOB",
        states.in_touch_code as "IN_TOUCH",
        case when states.in_touch_code in ('DIED', 'RHOM') then '0' else states.activity_code end as "ACTIV",
        case
            when states.in_touch_code in ('DIED', 'RHOM') or states.accommodation_code = '0' then '0'
            else left(states.accommodation_code, 1) || coalesce(
                    case
                        when states.is_accommodation_suitable then '1'
                        when not states.is_accommodation_suitable then '2'
                    end,
                    nullif(substring(states.accommodation_code, 2, 1), '')
                )
        end as "ACCOM",
        cohort.child_key,
        'ssd_care_leavers' as landing_table,
        states.landing_row_number
    from cohort
    cross join return_years
    left join states_near_birthday as states
        on cohort.child_key = states.child_key
        and states.nearness_rank = 1
    left join looked_after_on_birthday
        on cohort.child_key = looked_after_on_birthday.child_key
    left join transferred_to_another_authority
        on cohort.child_key = transferred_to_another_authority.child_key
    left join first_looked_after_after_birthday
        on cohort.child_key = first_looked_after_after_birthday.child_key
    where looked_after_on_birthday.child_key is null
        and transferred_to_another_authority.child_key is null
        and first_looked_after_after_birthday.child_key is null

)

select * from final
