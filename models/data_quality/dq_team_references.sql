{{ config(materialized='table', schema='data_quality', tags=['data_quality']) }}

{#
    Every staged record that names a team, one row per record and team field: the table, the
    landing field, the team id and the record's landing row. The records are those whose
    locality and service come from their team through team_structure (kpis.md "Team
    attributes"); dq_team_uses counts them per team.
#}

{#- (table, staged model, staged team column, landing field) -#}
{%- set team_references = [
    ('ssd_cin_episodes', 'stg_ssd__cin_episodes', 'referral_team_id', 'cine_referral_team'),
    ('ssd_cin_assessments', 'stg_ssd__cin_assessments', 'assessment_team_id', 'cina_assessment_team'),
    ('ssd_cin_plans', 'stg_ssd__cin_plans', 'cin_plan_team_id', 'cinp_cin_plan_team'),
    ('ssd_s47_enquiry', 'stg_ssd__s47_enquiries', 's47_team_id', 's47e_s47_completed_by_team'),
    ('ssd_initial_cp_conference', 'stg_ssd__initial_cp_conferences', 'icpc_team_id', 'icpc_icpc_team'),
    ('ssd_professionals', 'stg_ssd__professionals', 'team_id', 'prof_professional_department'),
] %}

with team_references as (
    {%- for table, model, column, field in team_references %}
    select
        '{{ table }}' as table_name,
        '{{ field }}' as field,
        staged.{{ column }} as team_id,
        staged.landing_row_number
    from {{ ref(model) }} as staged
    where staged.{{ column }} is not null
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

final as (
    select * from team_references
)

select * from final
