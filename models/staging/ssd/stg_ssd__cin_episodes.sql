with source as (select * from {{ ref('base_ssd__cin_episodes') }}),

typed as (
    select
        {{ clean_text('cine_referral_id') }} as referral_id,
        {{ clean_text('cine_person_id') }} as person_id,
        {{ pseudonymise('cine_person_id') }} as child_key,
        {{ parse_date('cine_referral_date') }} as referral_date,
        {{ map_code('cine_cin_primary_need_code') }} as primary_need_code,
        {{ is_known_code('cine_cin_primary_need_code') }} as is_known_primary_need,
        {{ map_code('cine_referral_source_code') }} as referral_source_code,
        {{ is_known_code('cine_referral_source_code') }} as is_known_referral_source,
        {{ parse_flag('cine_referral_nfa') }} as is_referral_nfa,
        {{ map_code('cine_close_reason') }} as close_reason_code,
        {{ is_known_code('cine_close_reason') }} as is_known_close_reason,
        {{ parse_date('cine_close_date') }} as close_date,
        {{ clean_text('cine_referral_team') }} as referral_team_id,
        {{ clean_text('cine_referral_worker_id') }} as referral_worker_id,
        {{ parse_errors('ssd', 'ssd_cin_episodes') }} as parse_errors,
        source.landing_row_number
    from source
    {{ join_code_lookups({'cine_cin_primary_need_code': 'primary_need', 'cine_referral_source_code': 'referral_source', 'cine_referral_nfa': 'flag', 'cine_close_reason': 'closure_reason'}) }}
),

final as (
    {{ keep_first_per_key('typed', 'referral_id') }}
)

select * from final
