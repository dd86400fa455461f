-- Annex A List 5 has one row per section 47 enquiry open at some time in W6 (annex-a.md "Checks").
{% set expected %}
select count(*) as expected_rows
from {{ ref('stg_ssd__s47_enquiries') }} as enquiries
cross join check_dates
where
    enquiries.s47_start_date <= check_dates.as_at_date
    and (enquiries.s47_end_date is null or enquiries.s47_end_date > check_dates.w6_start)
{% endset %}
{{ annex_a_row_count_check('rpt_annex_a__list_05_s47_icpc', expected) }}
