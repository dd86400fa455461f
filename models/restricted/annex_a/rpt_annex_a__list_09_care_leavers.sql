{#
    Annex A List 9, care leavers (docs/contracts/annex-a.md "List 9"): the young people of the
    latest care-leaver extract on or before R with eligibility RELEVANT, FORMER_RELEVANT,
    QUALIFYING or ELIGIBLE (int_annex_a__care_leavers), one row per young person; no age limit.
    - UASC: as List 8 (a UASC row open at some time in W12);
    - Allocated Team / Worker: the care-leaver row's team (its name when the department lists
      it) and worker id;
    - Allocated Personal Advisor: blank, the adviser's name never leaves staging (a note says
      so);
    - Type of Accommodation: the type letter of the accommodation code, labelled;
    - Suitability: the landing suitability rule (int_care_leaver_states), blank when neither
      the suitability column nor a two-character 903 code says.
#}

with

cohort as (select * from {{ ref('int_annex_a__care_leavers') }}),

children as (select * from {{ ref('int_annex_a__children') }}),

parameters as (select * from {{ ref('int_annex_a__parameters') }}),

teams as (select * from {{ ref('int_teams') }}),

final as (
    select
        {{ annex_a_common_columns('cohort.person_id') }},
        {{ annex_a_uasc() }} as is_uasc,
        {{ annex_a_allocated('cohort.allocated_team_id', 'cohort.worker_id') }},
        cast(null as {{ dbt.type_string() }}) as allocated_personal_advisor,
        {{ annex_a_label('eligibility', 'cohort.eligibility_code') }} as eligibility_category,
        {{ annex_a_by_r('cohort.pathway_plan_review_date') }} as latest_pathway_plan_date,
        {{ annex_a_label('in_touch', 'cohort.in_touch_code') }} as la_in_touch,
        {{ annex_a_by_r('cohort.latest_contact_date') }} as latest_contact_date,
        {{ annex_a_label('accommodation_type', 'substr(cohort.accommodation_code, 1, 1)') }} as accommodation_type,
        case
            when not cohort.is_accommodation_suitable_recorded and coalesce(length(cohort.accommodation_code), 0) <> 2
                then null
            when cohort.is_suitably_accommodated then 'a) Suitable'
            else 'b) Unsuitable'
        end as accommodation_suitability,
        {{ annex_a_label('activity', 'cohort.activity_code') }} as activity_status,
        cast(cohort.extract_date as {{ dbt.type_string() }}) || '|' || cohort.person_id as source_id
    from cohort
    cross join parameters
    left join children
        on cohort.person_id = children.person_id
    left join teams
        on cohort.allocated_team_id = teams.team_id
)

select * from final
