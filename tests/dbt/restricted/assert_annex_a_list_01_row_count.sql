-- Annex A List 1 has one row per contact dated in W6 (annex-a.md "Checks").
{% set condition = annex_a_check_dated_in('contacts.contact_date') %}
{{ annex_a_row_count_check(
    'rpt_annex_a__list_01_contacts',
    annex_a_check_count('stg_ssd__contacts', 'contacts', condition)
) }}
