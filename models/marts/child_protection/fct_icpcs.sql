with

icpcs as (

    select * from {{ ref('int_icpcs_joined_to_s47') }}

),

final as (

    select
        cast(icpc_id as varchar) as icpc_id,
        cast(s47_enquiry_id as varchar) as s47_enquiry_id,
        cast(child_key as varchar) as child_key,
        cast(cp_plan_id as varchar) as cp_plan_id,
        cast(referral_id as varchar) as referral_id,
        cast(is_transfer_in as boolean) as is_transfer_in,
        cast(icpc_target_date as date) as icpc_target_date,
        cast(icpc_date as date) as icpc_date,
        cast(is_outcome_cp_plan as boolean) as is_outcome_cp_plan,
        cast(s47_start_date as date) as s47_start_date,
        cast(working_days_from_s47_start as integer) as working_days_from_s47_start,
        cast(timeliness_exclusion_reason as varchar) as timeliness_exclusion_reason,
        cast(is_in_timeliness_population as boolean) as is_in_timeliness_population,
        cast(is_within_timescale as boolean) as is_within_timescale,
        cast(team_id as varchar) as team_id,
        cast(locality as varchar) as locality,
        cast(service as varchar) as service
    from icpcs

)

select * from final
