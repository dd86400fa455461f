-- Annex A List 1 has one row per contact dated in W6 (annex-a.md "Checks").
{% set expected %}
select count(*) as expected_rows
from {{ ref('stg_ssd__contacts') }} as contacts
cross join check_dates
where contacts.contact_date > check_dates.w6_start and contacts.contact_date <= check_dates.as_at_date
{% endset %}
{{ annex_a_row_count_check('rpt_annex_a__list_01_contacts', expected) }}
