with source as (select * from {{ ref('base_ssd__cin_assessments') }}),

typed as (
    select
        {{ clean_text('cina_assessment_id') }} as assessment_id,
        {{ clean_text('cina_person_id') }} as person_id,
        {{ pseudonymise('cina_person_id') }} as child_key,
        {{ clean_text('cina_referral_id') }} as referral_id,
        {{ parse_date('cina_assessment_start_date') }} as assessment_start_date,
        {{ parse_flag('cina_assessment_child_seen') }} as is_child_seen,
        {{ parse_date('cina_assessment_auth_date') }} as assessment_auth_date,
        {{ parse_flag('cina_assessment_outcome_nfa') }} as is_outcome_nfa,
        {{ clean_text('cina_assessment_team') }} as assessment_team_id,
        {{ clean_text('cina_assessment_worker_id') }} as assessment_worker_id,
        {{ parse_errors('ssd', 'ssd_cin_assessments') }} as parse_errors,
        source.landing_row_number
    from source
    {{ join_code_lookups({'cina_assessment_child_seen': 'flag', 'cina_assessment_outcome_nfa': 'flag'}) }}
),

final as (
    {{ keep_first_per_key('typed', 'assessment_id') }}
)

select * from final
