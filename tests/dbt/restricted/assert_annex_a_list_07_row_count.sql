-- Annex A List 7 has one row per child with a CP plan, not another authority's, open at some
-- time in W6 (annex-a.md "Checks").
{% set expected %}
select count(distinct plans.person_id) as expected_rows
from {{ ref('stg_ssd__cp_plans') }} as plans
cross join check_dates
where
    plans.person_id is not null
    and not plans.is_other_la_plan
    and plans.cp_plan_start_date <= check_dates.as_at_date
    and (plans.cp_plan_end_date is null or plans.cp_plan_end_date > check_dates.w6_start)
{% endset %}
{{ annex_a_row_count_check('rpt_annex_a__list_07_cp', expected) }}
