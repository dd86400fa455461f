with source as (select * from {{ ref('base_ssd__professionals') }}),

typed as (
    select
        {{ clean_text('prof_professional_id') }} as professional_id,
        {{ clean_text('prof_staff_id') }} as staff_id,
        {{ clean_text('prof_professional_job_title') }} as job_title,
        {{ clean_text('prof_professional_department') }} as team_id,
        {{ parse_number('prof_full_time_equivalency') }} as fte,
        {{ parse_flag('prof_agency_worker_flag') }} as is_agency_worker,
        {{ parse_number('prof_professional_caseload') }} as recorded_caseload,
        {{ parse_errors('ssd', 'ssd_professionals') }} as parse_errors,
        source.landing_row_number
    from source
    {{ join_code_lookups({'prof_agency_worker_flag': 'flag'}) }}
),

final as (
    {{ keep_first_per_key('typed', 'professional_id') }}
)

select * from final
