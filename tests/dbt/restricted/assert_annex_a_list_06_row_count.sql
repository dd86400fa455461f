-- Annex A List 6 has one row per child with a CIN episode, not NFA, open at some time in W6,
-- care leavers of the latest care-leaver extract on or before R left out (annex-a.md "Checks").
{% set expected %}
select count(distinct episodes.person_id) as expected_rows
from {{ ref('stg_ssd__cin_episodes') }} as episodes
cross join check_dates
where
    episodes.person_id is not null
    and coalesce(episodes.is_referral_nfa, false) = false
    and episodes.referral_date <= check_dates.as_at_date
    and (episodes.close_date is null or episodes.close_date > check_dates.w6_start)
    and episodes.person_id not in ({{ annex_a_check_care_leavers() }})
{% endset %}
{{ annex_a_row_count_check('rpt_annex_a__list_06_cin', expected) }}
