-- Annex A List 7 has one row per child with a CP plan, not another authority's, open at some
-- time in W6 (annex-a.md "Checks").
{% set condition %}
plans.person_id is not null
and not plans.is_other_la_plan
and {{ annex_a_check_open_in_w6('plans.cp_plan_start_date', 'plans.cp_plan_end_date') }}
{% endset %}
{{ annex_a_row_count_check(
    'rpt_annex_a__list_07_cp',
    annex_a_check_count('stg_ssd__cp_plans', 'plans', condition, distinct_column='plans.person_id')
) }}
