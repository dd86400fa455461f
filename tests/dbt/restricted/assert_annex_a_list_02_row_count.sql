-- Annex A List 2 has one row per early help episode open at some time in W6 (annex-a.md "Checks").
{% set condition = annex_a_check_open_in_w6('episodes.early_help_start_date', 'episodes.early_help_end_date') %}
{{ annex_a_row_count_check(
    'rpt_annex_a__list_02_early_help',
    annex_a_check_count('stg_ssd__early_help_episodes', 'episodes', condition)
) }}
