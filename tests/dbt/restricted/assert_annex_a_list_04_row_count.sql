-- Annex A List 4 has one row per assessment open at some time in W6 (annex-a.md "Checks").
{% set condition = annex_a_check_open_in_w6('assessments.assessment_start_date', 'assessments.assessment_auth_date') %}
{{ annex_a_row_count_check(
    'rpt_annex_a__list_04_assessments',
    annex_a_check_count('stg_ssd__cin_assessments', 'assessments', condition)
) }}
