with source as (select * from {{ ref('base_ssd__initial_cp_conference') }}),

typed as (
    select
        {{ clean_text('icpc_icpc_id') }} as icpc_id,
        {{ clean_text('icpc_s47_enquiry_id') }} as s47_enquiry_id,
        {{ clean_text('icpc_person_id') }} as person_id,
        {{ pseudonymise('icpc_person_id') }} as child_key,
        {{ clean_text('icpc_cp_plan_id') }} as cp_plan_id,
        {{ clean_text('icpc_referral_id') }} as referral_id,
        {{ parse_flag('icpc_icpc_transfer_in') }} as is_transfer_in,
        {{ parse_date('icpc_icpc_target_date') }} as icpc_target_date,
        {{ parse_date('icpc_icpc_date') }} as icpc_date,
        {{ parse_flag('icpc_icpc_outcome_cp_flag') }} as is_outcome_cp_plan,
        {{ clean_text('icpc_icpc_team') }} as icpc_team_id,
        {{ clean_text('icpc_icpc_worker_id') }} as icpc_worker_id,
        {{ parse_errors('ssd', 'ssd_initial_cp_conference') }} as parse_errors,
        source.landing_row_number
    from source
    {{ join_code_lookups({'icpc_icpc_transfer_in': 'flag', 'icpc_icpc_outcome_cp_flag': 'flag'}) }}
),

final as (
    {{ keep_first_per_key('typed', 'icpc_id') }}
)

select * from final
