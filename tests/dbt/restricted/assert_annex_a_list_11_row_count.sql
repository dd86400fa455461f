-- Annex A List 11 has one row per adopter row of annex_a_adopters.csv with a date in W12
-- (annex-a.md "Checks").
{% set expected %}
select count(*) as expected_rows
from {{ ref('stg_la__annex_a_adopters') }} as adopters
cross join check_dates
where exists (
    select 1
    from (values
        (adopters.date_enquiry_received), (adopters.date_stage_1_started), (adopters.date_stage_1_ended),
        (adopters.date_stage_2_started), (adopters.date_stage_2_ended), (adopters.date_application_submitted),
        (adopters.date_application_approved), (adopters.date_adopter_matched_with_child_ren),
        (adopters.date_child_children_placed_with_adopter_s), (adopters.date_of_adoption_order),
        (adopters.date_of_leaving_adoption_process)
    ) as dates (contact_date)
    where {{ annex_a_check_dated_in('dates.contact_date', 'w12') }}
)
{% endset %}
{{ annex_a_row_count_check('rpt_annex_a__list_11_adopters', expected) }}
