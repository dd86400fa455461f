-- Annex A List 3 has one row per referral dated in W6 (annex-a.md "Checks").
{% set expected %}
select count(*) as expected_rows
from {{ ref('stg_ssd__cin_episodes') }} as referrals
cross join check_dates
where referrals.referral_date > check_dates.w6_start and referrals.referral_date <= check_dates.as_at_date
{% endset %}
{{ annex_a_row_count_check('rpt_annex_a__list_03_referrals', expected) }}
