-- Annex A List 6 has one row per child with a CIN episode, not NFA, open at some time in W6,
-- care leavers of the latest care-leaver extract on or before R left out (annex-a.md "Checks").
{% set condition %}
episodes.person_id is not null
and coalesce(episodes.is_referral_nfa, false) = false
and {{ annex_a_check_open_in_w6('episodes.referral_date', 'episodes.close_date') }}
and episodes.person_id not in ({{ annex_a_check_care_leavers() }})
{% endset %}
{{ annex_a_row_count_check(
    'rpt_annex_a__list_06_cin',
    annex_a_check_count('stg_ssd__cin_episodes', 'episodes', condition, distinct_column='episodes.person_id')
) }}
