-- Annex A List 4 has one row per assessment open at some time in W6 (annex-a.md "Checks").
{% set expected %}
select count(*) as expected_rows
from {{ ref('stg_ssd__cin_assessments') }} as assessments
cross join check_dates
where
    assessments.assessment_start_date <= check_dates.as_at_date
    and (assessments.assessment_auth_date is null or assessments.assessment_auth_date > check_dates.w6_start)
{% endset %}
{{ annex_a_row_count_check('rpt_annex_a__list_04_assessments', expected) }}
