{#
    Assessments of the CIN census (docs/contracts/returns.md "CIN census"): one row per
    assessment of a CINdetails row of the year, in file order (by child, episode, start).

    Cohort (rules 8696, 8736), with S = 1 April and A = the as-at date: an assessment on a
    referral of the return that started on or before A and was not authorised before S
    (authorised on 31 March of the year before: last year's return; on 1 April: this one).
    An authorisation after A is not yet known at A: the assessment is shown open.
    AssessmentInternalReviewDate and the factors identified at assessment are not in the
    landing data (meta unfilled). AssessmentID numbers the assessments of each episode 1, 2,
    ... as the DfE engine does on reading; it is not written to the file.
#}
-- The DfE's element names are case-sensitive: quoted, so every engine keeps their case.
-- noqa: disable=RF06

with

return_years as (select * from {{ ref('int_return_years') }}),

cin_details as (select * from {{ ref('rpt_cin_census__cin_details') }}),

assessments as (select * from {{ ref('stg_ssd__cin_assessments') }}),

in_year as (
    {{ cin_census_modules_of_the_year(
        'assessments',
        started='coalesce(assessments.assessment_start_date, assessments.assessment_auth_date)',
        finished='assessments.assessment_auth_date',
    ) }}
),

final as (
    select
        collection_year,
        row_number() over (
            order by cin_details_row, assessment_start_date, assessment_id
        ) as return_row,
        "LAchildID",
        "CINdetailsID",
        row_number() over (
            partition by cin_details_row
            order by assessment_start_date, assessment_id
        ) as "AssessmentID",
        assessment_start_date as "AssessmentActualStartDate",
        cast(null as date) as "AssessmentInternalReviewDate",
        case when assessment_auth_date <= as_at_date then assessment_auth_date end as "AssessmentAuthorisationDate",
        cast(null as {{ dbt.type_string() }}) as "AssessmentFactors",
        assessment_id,
        child_key,
        'ssd_cin_assessments' as landing_table,
        landing_row_number
    from in_year
)

select * from final
