{#
    The care leavers of Annex A List 9 (docs/contracts/annex-a.md "List 9"), one row per young
    person: the young people of the latest care-leaver extract on or before R (the cohort rule
    of kpis.md: the extract that is the cohort source at R in int_care_leaver_states) with
    eligibility RELEVANT, FORMER_RELEVANT, QUALIFYING or ELIGIBLE, with their states and person
    id. The person id comes from the landing rows of that extract (stg_ssd__care_leavers); an
    extract kept only in the warehouse's store has none, and its rows are left out. Read by
    List 9 and by List 6 (care leavers are not listed there).
#}

with

states as (select * from {{ ref('int_care_leaver_states') }}),

care_leavers as (select * from {{ ref('stg_ssd__care_leavers') }}),

parameters as (select * from {{ ref('int_annex_a__parameters') }}),

person_ids as (
    select distinct
        extract_date,
        child_key,
        person_id
    from care_leavers
),

final as (
    select
        states.extract_date,
        person_ids.person_id,
        states.eligibility_code,
        states.in_touch_code,
        states.latest_contact_date,
        states.accommodation_code,
        states.is_accommodation_suitable_recorded,
        states.is_suitably_accommodated,
        states.activity_code,
        states.pathway_plan_review_date,
        states.allocated_team_id,
        states.worker_id
    from states
    cross join parameters
    inner join person_ids
        on
        states.extract_date = person_ids.extract_date
        and states.child_key = person_ids.child_key
    where
        states.extract_date <= parameters.as_at_date
        and coalesce(states.next_extract_date > parameters.as_at_date, true)
        and states.eligibility_code in ('RELEVANT', 'FORMER_RELEVANT', 'QUALIFYING', 'ELIGIBLE')
)

select * from final
