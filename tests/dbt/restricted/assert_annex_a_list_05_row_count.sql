-- Annex A List 5 has one row per section 47 enquiry open at some time in W6 (annex-a.md "Checks").
{% set condition = annex_a_check_open_in_w6('enquiries.s47_start_date', 'enquiries.s47_end_date') %}
{{ annex_a_row_count_check(
    'rpt_annex_a__list_05_s47_icpc',
    annex_a_check_count('stg_ssd__s47_enquiries', 'enquiries', condition)
) }}
