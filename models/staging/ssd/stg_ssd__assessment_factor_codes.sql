{#
    The factors identified at the end of each assessment (landing-inspection.md
    "ssd_assessment_factors"): one row per assessment and factor code, the codes of all rows
    with the same cinf_assessment_id unioned (SSD shape and long form alike), for the rows
    kept on cinf_table_id. Only assessments of ssd_cin_assessments (cinf_assessment_id =
    cina_assessment_id; the others are reported and not used), with the person of the
    assessment. Code 21 (no factors identified) must stand alone (CIN rule 8869): with other
    codes it is dropped (reported by stg_ssd__assessment_factors.has_no_factors_code_with_others).
    Unknown codes are kept (is_known_assessment_factor false).
#}
with source as (select * from {{ ref('base_ssd__assessment_factors') }}),

assessment_rows as (select * from {{ ref('base_ssd__cin_assessments') }}),

typed as (
    select
        {{ clean_text('cinf_table_id') }} as assessment_factor_record_id,
        {{ clean_text('cinf_assessment_id') }} as assessment_id,
        cinf_assessment_factors_json,
        landing_row_number
    from source
),

kept as (
    {{ keep_first_per_key('typed', 'assessment_factor_record_id') }}
),

assessments_typed as (
    select
        {{ clean_text('cina_assessment_id') }} as assessment_id,
        {{ clean_text('cina_person_id') }} as person_id,
        {{ pseudonymise('cina_person_id') }} as child_key,
        landing_row_number
    from assessment_rows
),

assessments as (
    {{ keep_first_per_key('assessments_typed', 'assessment_id') }}
),

codes as (
    {{ code_set_codes('kept', ['assessment_id', 'landing_row_number'], 'cinf_assessment_factors_json') }}
),

mapped_rows as (
    select
        codes.assessment_id,
        {{ map_code('raw_code') }} as assessment_factor_code,
        {{ is_known_code('raw_code') }} as is_known_assessment_factor,
        codes.landing_row_number
    from codes
    {{ join_code_lookups({'raw_code': 'assessment_factor'}, relation='codes') }}
),

mapped as (
    select
        assessment_id,
        assessment_factor_code,
        is_known_assessment_factor,
        min(landing_row_number) as landing_row_number
    from mapped_rows
    group by assessment_id, assessment_factor_code, is_known_assessment_factor
),

with_others as (
    select
        mapped.*,
        count(*) over (partition by mapped.assessment_id) as codes_of_assessment
    from mapped
),

final as (
    select
        with_others.assessment_id,
        assessments.person_id,
        assessments.child_key,
        with_others.assessment_factor_code,
        with_others.is_known_assessment_factor,
        with_others.landing_row_number
    from with_others
    inner join assessments
        on with_others.assessment_id = assessments.assessment_id
    where not (with_others.assessment_factor_code = '21' and with_others.codes_of_assessment > 1)
)

select * from final
