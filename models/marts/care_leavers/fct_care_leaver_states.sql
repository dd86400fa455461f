-- One row per young person per loaded care-leaver extract (the stacked monthly states kept
-- across loads), with the outcome flags the Care leavers KPIs count.

with

states as (select * from {{ ref('int_care_leaver_states') }}),

final as (

    select
        extract_date,
        child_key,
        next_extract_date,
        eligibility_code,
        is_known_eligibility,
        is_relevant_or_former_relevant,
        in_touch_code,
        is_known_in_touch,
        is_in_touch,
        latest_contact_date,
        accommodation_code,
        is_known_accommodation,
        is_accommodation_suitable,
        is_suitably_accommodated,
        activity_code,
        is_known_activity,
        is_in_education_employment_or_training,
        pathway_plan_review_date,
        has_personal_adviser,
        allocated_team_id,
        worker_id
    from states

)

select * from final
