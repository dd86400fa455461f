with

assessments as (

    select * from {{ ref('int_assessments_timed') }}

),

final as (

    select
        cast(assessment_id as varchar) as assessment_id,
        cast(child_key as varchar) as child_key,
        cast(referral_id as varchar) as referral_id,
        cast(referral_date as date) as referral_date,
        cast(assessment_start_date as date) as assessment_start_date,
        cast(assessment_auth_date as date) as assessment_auth_date,
        cast(clock_start_date as date) as clock_start_date,
        cast(working_days_to_authorisation as integer) as working_days_to_authorisation,
        cast(timeliness_exclusion_reason as varchar) as timeliness_exclusion_reason,
        cast(is_in_timeliness_population as boolean) as is_in_timeliness_population,
        cast(is_within_timescale as boolean) as is_within_timescale,
        cast(is_child_seen as boolean) as is_child_seen,
        cast(is_outcome_nfa as boolean) as is_outcome_nfa,
        cast(team_id as varchar) as team_id,
        cast(locality as varchar) as locality,
        cast(service as varchar) as service
    from assessments

)

select * from final
