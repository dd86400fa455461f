with source as (select * from {{ ref('base_ssd__care_leavers') }}),

typed as (
    select
        {{ clean_text('clea_table_id') }} as care_leaver_row_id,
        {{ clean_text('clea_person_id') }} as person_id,
        {{ pseudonymise('clea_person_id') }} as child_key,
        {{ parse_date('extract_date') }} as extract_date,
        {{ map_code('clea_care_leaver_eligibility') }} as eligibility_code,
        {{ is_known_code('clea_care_leaver_eligibility') }} as is_known_eligibility,
        {{ map_code('clea_care_leaver_in_touch') }} as in_touch_code,
        {{ is_known_code('clea_care_leaver_in_touch') }} as is_known_in_touch,
        {{ parse_date('clea_care_leaver_latest_contact') }} as latest_contact_date,
        {{ map_code('clea_care_leaver_accommodation') }} as accommodation_code,
        {{ is_known_code('clea_care_leaver_accommodation') }} as is_known_accommodation,
        {{ parse_flag('clea_care_leaver_accom_suitable') }} as is_accommodation_suitable,
        {{ map_code('clea_care_leaver_activity') }} as activity_code,
        {{ is_known_code('clea_care_leaver_activity') }} as is_known_activity,
        {{ parse_date('clea_pathway_plan_review_date') }} as pathway_plan_review_date,
        coalesce(upper({{ clean_text('clea_care_leaver_personal_advisor') }}) not in ('N', 'NO', 'NONE'), false) as has_personal_adviser,
        {{ clean_text('clea_care_leaver_allocated_team') }} as allocated_team_id,
        {{ clean_text('clea_care_leaver_worker_id') }} as worker_id,
        {{ parse_errors('ssd', 'ssd_care_leavers') }} as parse_errors,
        source.landing_row_number
    from source
    {{ join_code_lookups({'clea_care_leaver_eligibility': 'care_leaver_eligibility', 'clea_care_leaver_in_touch': 'care_leaver_in_touch', 'clea_care_leaver_accommodation': 'care_leaver_accommodation', 'clea_care_leaver_accom_suitable': 'flag', 'clea_care_leaver_activity': 'care_leaver_activity'}) }}
),

final as (
    {{ keep_first_per_key('typed', 'care_leaver_row_id') }}
)

select * from final
