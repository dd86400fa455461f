{{ config(materialized='table', schema='data_quality', tags=['data_quality']) }}

{#
    How many records of each table name each team id, and whether team_structure lists it:
    one row per team id, table and team field. The records are those whose locality and
    service come from their team through team_structure (kpis.md "Team attributes"). Read by
    csc_team_not_in_team_structure (dq_rules__plausibility) and dq_build_warnings.
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

with team_uses as (
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

team_structures as (
    select * from {{ ref('stg_la__team_structures') }}
),

counted as (
    select
        team_id,
        table_name,
        field,
        count(*) as record_count,
        min(landing_row_number) as first_landing_row_number
    from team_uses
    group by team_id, table_name, field
),

final as (
    select
        counted.team_id,
        counted.table_name,
        counted.field,
        counted.record_count,
        counted.first_landing_row_number,
        exists (
            select 1
            from team_structures
            where team_structures.team_id = counted.team_id
        ) as is_in_team_structure
    from counted
)

select * from final
