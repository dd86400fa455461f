with source as (select * from {{ ref('base_ssd__s47_enquiry') }}),

typed as (
    select
        {{ clean_text('s47e_s47_enquiry_id') }} as s47_enquiry_id,
        {{ clean_text('s47e_referral_id') }} as referral_id,
        {{ clean_text('s47e_person_id') }} as person_id,
        {{ pseudonymise('s47e_person_id') }} as child_key,
        {{ parse_date('s47e_s47_start_date') }} as s47_start_date,
        {{ parse_date('s47e_s47_end_date') }} as s47_end_date,
        {{ parse_flag('s47e_s47_nfa') }} as is_s47_nfa,
        {{ clean_text('s47e_s47_completed_by_team') }} as s47_team_id,
        {{ clean_text('s47e_s47_completed_by_worker_id') }} as s47_worker_id,
        {{ parse_errors('ssd', 'ssd_s47_enquiry') }} as parse_errors,
        source.landing_row_number
    from source
    {{ join_code_lookups({'s47e_s47_nfa': 'flag'}) }}
),

final as (
    {{ keep_first_per_key('typed', 's47_enquiry_id') }}
)

select * from final
