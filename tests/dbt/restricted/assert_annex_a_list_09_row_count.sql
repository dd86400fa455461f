-- Annex A List 9 has one row per young person of the latest care-leaver extract on or before R
-- who is relevant, former relevant, qualifying or eligible (annex-a.md "Checks").
{% set expected %}
select count(distinct care_leavers.person_id) as expected_rows
from ({{ annex_a_check_care_leavers() }}) as care_leavers
{% endset %}
{{ annex_a_row_count_check('rpt_annex_a__list_09_care_leavers', expected) }}
