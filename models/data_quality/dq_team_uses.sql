{{ config(materialized='table', schema='data_quality', tags=['data_quality']) }}

{#
    How many records of each table name each team id, and whether team_structure lists it:
    one row per team id, table and team field. The records (dq_team_references) are those
    whose locality and service come from their team through team_structure (kpis.md "Team
    attributes"). Read by csc_team_not_in_team_structure (dq_rules__plausibility) and
    dq_build_warnings.
#}

with team_uses as (select * from {{ ref('dq_team_references') }}),

team_structures as (select * from {{ ref('stg_la__team_structures') }}),

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
        exists(
            select 1
            from team_structures
            where team_structures.team_id = counted.team_id
        ) as is_in_team_structure
    from counted
)

select * from final
