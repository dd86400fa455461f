{#
    Annex A List 4, assessments (docs/contracts/annex-a.md "List 4"): the assessments open at
    some time in W6 (start on or before R; authorisation null or after R - 6 months), one row
    per assessment.
    - Child Seen: a) Yes when the seen flag is Y, else b) No;
    - Date of Authorisation: blank while the assessment is open at R (not authorised, or
      authorised after R);
    - requiring support: blank while open at R; outcome NFA N a) Yes, Y b) No, unknown blank.
#}

with

assessments as (select * from {{ ref('stg_ssd__cin_assessments') }}),

children as (select * from {{ ref('int_annex_a__children') }}),

parameters as (select * from {{ ref('int_annex_a__parameters') }}),

teams as (select * from {{ ref('int_teams') }}),

in_window as (
    select
        assessments.*,
        {{ annex_a_by_r('assessments.assessment_auth_date') }} as authorised_by_r
    from assessments
    cross join parameters
    where {{ is_open_during('assessments.assessment_start_date', 'assessments.assessment_auth_date',
                            'parameters.w6_start', 'parameters.as_at_date') }}
),

final as (
    select
        {{ annex_a_common_columns('in_window.person_id') }},
        in_window.assessment_start_date,
        case when in_window.is_child_seen then 'a) Yes' else 'b) No' end as child_seen_during_assessment,
        in_window.authorised_by_r as assessment_authorisation_date,
        case
            when in_window.authorised_by_r is null then null
            when not in_window.is_outcome_nfa then 'a) Yes'
            when in_window.is_outcome_nfa then 'b) No'
        end as requires_social_care_support,
        {{ annex_a_allocated('in_window.assessment_team_id', 'in_window.assessment_worker_id') }},
        in_window.assessment_id as source_id
    from in_window
    cross join parameters
    left join children
        on in_window.person_id = children.person_id
    left join teams
        on in_window.assessment_team_id = teams.team_id
)

select * from final
