-- Annex A List 3 has one row per referral dated in W6 (annex-a.md "Checks").
{% set condition = annex_a_check_dated_in('referrals.referral_date') %}
{{ annex_a_row_count_check(
    'rpt_annex_a__list_03_referrals',
    annex_a_check_count('stg_ssd__cin_episodes', 'referrals', condition)
) }}
