{#
    One row per row of ssd_assessment_factors (one per assessment in the SSD shape, one per
    factor in the long form), de-duplicated on cinf_table_id. is_assessment_found: the
    assessment is an assessment of ssd_cin_assessments (a row whose assessment is not found is
    reported and not used: stg_ssd__assessment_factor_codes leaves it out).
    has_no_factors_code_with_others: the codes of the assessment (all its rows unioned) hold
    21 (no factors identified) and another code, so 21 is dropped (CIN rule 8869).
#}
with source as (select * from {{ ref('base_ssd__assessment_factors') }}),

assessments as (select * from {{ ref('base_ssd__cin_assessments') }}),

typed as (
    select
        {{ clean_text('cinf_table_id') }} as assessment_factor_record_id,
        {{ clean_text('cinf_assessment_id') }} as assessment_id,
        {{ is_code_set_readable('cinf_assessment_factors_json') }} as is_factor_set_readable,
        cinf_assessment_factors_json,
        {{ parse_errors('ssd', 'ssd_assessment_factors') }} as parse_errors,
        landing_row_number
    from source
),

kept as (
    {{ keep_first_per_key('typed', 'assessment_factor_record_id') }}
),

codes as (
    {{ code_set_codes('kept', ['assessment_id'], 'cinf_assessment_factors_json') }}
),

assessment_codes as (
    select
        codes.assessment_id,
        max(case when {{ normalise_code('codes.raw_code') }} = '21' then 1 else 0 end) as has_no_factors_code,
        max(case when {{ normalise_code('codes.raw_code') }} != '21' then 1 else 0 end) as has_other_code
    from codes
    group by codes.assessment_id
),

final as (
    select
        kept.assessment_factor_record_id,
        kept.assessment_id,
        kept.assessment_id in (
            select {{ clean_text('cina_assessment_id') }} from assessments
        ) as is_assessment_found,
        kept.is_factor_set_readable,
        coalesce(assessment_codes.has_no_factors_code = 1 and assessment_codes.has_other_code = 1, false)
            as has_no_factors_code_with_others,
        kept.parse_errors,
        kept.landing_row_number
    from kept
    left join assessment_codes
        on kept.assessment_id = assessment_codes.assessment_id
)

select * from final
