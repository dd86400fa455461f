{#
    Annex A List 8, children in care (docs/contracts/annex-a.md "List 8"): NOT BUILT in this
    version. The model has the list's columns and no rows, so the CSV and the workbook sheet are
    header-only, and rpt_annex_a__notes says the list is not built (never a partial list).
#}

with

parameters as (select * from {{ ref('int_annex_a__parameters') }}),

final as (
    select
        cast(null as varchar) as child_unique_id,
        cast(null as varchar) as gender,
        cast(null as varchar) as ethnicity,
        cast(null as date) as date_of_birth,
        cast(null as integer) as age_of_child_years,
        cast(null as varchar) as has_disability,
        cast(null as varchar) as is_uasc_in_last_12_months,
        cast(null as date) as looked_after_start_date,
        cast(null as varchar) as category_of_need,
        cast(null as varchar) as is_second_period_in_last_12_months,
        cast(null as date) as legal_status_start_date,
        cast(null as varchar) as legal_status,
        cast(null as date) as latest_statutory_review_date,
        cast(null as date) as last_social_work_visit_date,
        cast(null as varchar) as permanence_plan,
        cast(null as date) as last_iro_contact_date,
        cast(null as date) as last_health_assessment_date,
        cast(null as date) as last_dental_check_date,
        cast(null as integer) as placements_in_last_12_months,
        cast(null as date) as ceased_looked_after_date,
        cast(null as varchar) as reason_ceased_looked_after,
        cast(null as date) as latest_placement_start_date,
        cast(null as varchar) as placement_type,
        cast(null as varchar) as placement_provider,
        cast(null as varchar) as placement_postcode,
        cast(null as varchar) as placement_urn,
        cast(null as varchar) as placement_location,
        cast(null as varchar) as placement_la,
        cast(null as integer) as missing_episodes_in_last_12_months,
        cast(null as integer) as absent_episodes_in_last_12_months,
        cast(null as varchar) as was_offered_return_interview,
        cast(null as varchar) as accepted_return_interview,
        cast(null as varchar) as allocated_team,
        cast(null as varchar) as allocated_worker,
        cast(null as varchar) as source_id
    from parameters
    where false
)

select * from final
