{#
    Annex A List 11, adopters (docs/contracts/annex-a.md "List 11"). The SSD does not hold
    adopters: the rows come only from the optional annex_a_adopters.csv, passed through with
    its dates parsed and only the List 11 columns kept; without the file the list is
    header-only. Window: contact with the agency in W12, read as any of the row's dates (Date
    enquiry received or a later one) after R - 12 months and on or before R. A date after R is
    blank. Reason for leaving: 1, 2, 3 as the contract's labels, anything else as sent; blank
    when the date of leaving is after R. No
    common columns.
#}
{% set dates = [
    ('date_enquiry_received', 'date_enquiry_received'),
    ('date_stage_1_started', 'date_stage_1_started'),
    ('date_stage_1_ended', 'date_stage_1_ended'),
    ('date_stage_2_started', 'date_stage_2_started'),
    ('date_stage_2_ended', 'date_stage_2_ended'),
    ('date_application_submitted', 'date_application_submitted'),
    ('date_application_approved', 'date_application_approved'),
    ('date_adopter_matched_with_child_ren', 'date_matched'),
    ('date_child_children_placed_with_adopter_s', 'date_children_placed'),
] %}
{% set later_dates = [
    ('date_of_adoption_order', 'date_of_adoption_order'),
    ('date_of_leaving_adoption_process', 'date_left_adoption_process'),
] %}

with

adopters as (select * from {{ ref('stg_la__annex_a_adopters') }}),

parameters as (select * from {{ ref('int_annex_a__parameters') }}),

in_window as (
    select adopters.*
    from adopters
    cross join parameters
    where
        false
        {%- for source_column, _ in dates + later_dates %}
        or (adopters.{{ source_column }} > parameters.w12_start and adopters.{{ source_column }} <= parameters.as_at_date)
        {%- endfor %}
),

final as (
    select
        in_window.individual_adopter_identifier,
        in_window.family_identifier,
        in_window.gender,
        in_window.ethnicity,
        in_window.disability,
        in_window.is_the_prospective_adopter_fostering_for_adoption as is_fostering_for_adoption,
        {%- for source_column, column in dates %}
        {{ annex_a_by_r('in_window.' ~ source_column) }} as {{ column }},
        {%- endfor %}
        in_window.children_placed,
        {%- for source_column, column in later_dates %}
        {{ annex_a_by_r('in_window.' ~ source_column) }} as {{ column }},
        {%- endfor %}
        case
            when in_window.date_of_leaving_adoption_process > parameters.as_at_date then null
            when in_window.reason_for_leaving_adoption_process = '1' then '1 - Adopter withdrew from process'
            when in_window.reason_for_leaving_adoption_process = '2' then '2 - Process put on hold'
            when in_window.reason_for_leaving_adoption_process = '3' then '3 - Application refused'
            else in_window.reason_for_leaving_adoption_process
        end as reason_left_adoption_process,
        cast(in_window.landing_row_number as {{ dbt.type_string() }}) as source_id
    from in_window
    cross join parameters
)

select * from final
