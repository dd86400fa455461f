-- One row per young person per loaded care-leaver extract, with the outcome flags of the
-- Care leavers KPIs (kpis.md). No date of birth: int_kpi_values__care_leavers takes the age at
-- each period end from staging. next_extract_date is the following extract in the whole
-- store: this extract is the cohort source for period ends in [extract_date, next_extract_date).

with

extracts as (select * from {{ ref('int_care_leaver_extracts') }}),

extract_dates as (

    select distinct extract_date from extracts

),

extract_sequence as (

    select
        extract_date,
        lead(extract_date) over (order by extract_date) as next_extract_date
    from extract_dates

),

final as (

    select
        extracts.extract_date,
        extract_sequence.next_extract_date,
        extracts.child_key,
        extracts.eligibility_code,
        extracts.is_known_eligibility,
        coalesce(extracts.eligibility_code in ('RELEVANT', 'FORMER_RELEVANT'), false)
            as is_relevant_or_former_relevant,
        extracts.in_touch_code,
        extracts.is_known_in_touch,
        coalesce(extracts.in_touch_code = 'YES', false) as is_in_touch,
        extracts.latest_contact_date,
        extracts.accommodation_code,
        extracts.is_known_accommodation,
        extracts.is_accommodation_suitable,
        extracts.is_accommodation_suitable_recorded,
        case
            when extracts.is_accommodation_suitable_recorded
                then coalesce(extracts.is_accommodation_suitable, false)
            -- landing.md: the fallback reads a two-character 903 code, i.e. one of the
            -- contract's accommodation type letters followed by 1 (suitable) or 2 (not);
            -- any other code (A1, B3) says nothing about suitability: unknown, not suitable
            when length(extracts.accommodation_code) = 2
                and substr(extracts.accommodation_code, 1, 1) in (
                    'B', 'C', 'D', 'E', 'G', 'H', 'K', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z'
                )
                and substr(extracts.accommodation_code, 2, 1) in ('1', '2')
                then substr(extracts.accommodation_code, 2, 1) = '1'
            else false
        end as is_suitably_accommodated,
        extracts.activity_code,
        extracts.is_known_activity,
        coalesce(
            extracts.activity_code in ('F1', 'F2', 'F3', 'F4', 'F5', 'P1', 'P2', 'P3', 'P4', 'P5'),
            false
        ) as is_in_education_employment_or_training,
        extracts.pathway_plan_review_date,
        extracts.has_personal_adviser,
        extracts.allocated_team_id,
        extracts.worker_id
    from extracts
    inner join extract_sequence
        on extracts.extract_date = extract_sequence.extract_date

)

select * from final
