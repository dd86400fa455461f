{#
    Adopters for Annex A List 11 (not SSD; landing-inspection.md), one row per row of the file
    (no key: the file is passed through), the List 11 headings as snake_case columns, dates
    parsed and `No. of children placed` as a number. Without the file it has no rows and List
    11 is header-only.
#}
with source as (select * from {{ ref('base_la__annex_a_adopters') }}),

final as (
    select
        {{ clean_text('individual_adopter_identifier') }} as individual_adopter_identifier,
        {{ clean_text('family_identifier') }} as family_identifier,
        {{ clean_text('gender') }} as gender,
        {{ clean_text('ethnicity') }} as ethnicity,
        {{ clean_text('disability') }} as disability,
        {{ clean_text('is_the_prospective_adopter_fostering_for_adoption') }} as is_the_prospective_adopter_fostering_for_adoption,
        {{ parse_date('date_enquiry_received') }} as date_enquiry_received,
        {{ parse_date('date_stage_1_started') }} as date_stage_1_started,
        {{ parse_date('date_stage_1_ended') }} as date_stage_1_ended,
        {{ parse_date('date_stage_2_started') }} as date_stage_2_started,
        {{ parse_date('date_stage_2_ended') }} as date_stage_2_ended,
        {{ parse_date('date_application_submitted') }} as date_application_submitted,
        {{ parse_date('date_application_approved') }} as date_application_approved,
        {{ parse_date('date_adopter_matched_with_child_ren') }} as date_adopter_matched_with_child_ren,
        {{ parse_date('date_child_children_placed_with_adopter_s') }} as date_child_children_placed_with_adopter_s,
        {{ parse_number('no_of_children_placed') }} as children_placed,
        {{ parse_date('date_of_adoption_order') }} as date_of_adoption_order,
        {{ parse_date('date_of_leaving_adoption_process') }} as date_of_leaving_adoption_process,
        {{ clean_text('reason_for_leaving_adoption_process') }} as reason_for_leaving_adoption_process,
        {{ parse_errors('la', 'annex_a_adopters') }} as parse_errors,
        landing_row_number
    from source
)

select * from final
