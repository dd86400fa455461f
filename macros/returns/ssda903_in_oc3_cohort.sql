{#
    The SSDA903 OC3 cohort (docs/contracts/returns.md "SSDA903"): a care leaver - a state
    row of ssd_care_leavers with eligibility RELEVANT or FORMER_RELEVANT, as at the return's
    as-at date - whose 17th, 18th, 19th, 20th or 21st birthday falls in the collection
    year, that is who is 17 to 21 at its 31 March (one birthday falls in each April-March
    year; the DfE's rule 391 flags a young person younger than 17 at 31 March). A boolean
    SQL expression over one state row and the child's date of birth. Plain SQL (age_at).
#}
{% macro ssda903_in_oc3_cohort(eligibility_code, extract_date, birth_date, as_at_date, year_end) -%}
    {{ eligibility_code }} in ('RELEVANT', 'FORMER_RELEVANT')
    and {{ extract_date }} <= {{ as_at_date }}
    and {{ age_at(birth_date, year_end) }} between 17 and 21
{%- endmacro %}
