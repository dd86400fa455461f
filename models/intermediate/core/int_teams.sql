{#
    Teams of the department with the authority's locality and service grouping
    (kpis.md "Team attributes"). Teams listed only in team_structure are included too.
    Locality and service are 'unknown' when the team is not in team_structure or is blank
    there; facts apply the same default to records whose team is null or not listed here.
#}
with departments as (select * from {{ ref('stg_ssd__departments') }}),

team_structures as (select * from {{ ref('stg_la__team_structures') }}),

team_ids as (
    select team_id from departments
    union
    select team_id from team_structures
),

final as (
    select
        team_ids.team_id,
        departments.team_name,
        departments.parent_team_id,
        departments.parent_team_name,
        coalesce(team_structures.locality, 'unknown') as locality,
        coalesce(team_structures.service, 'unknown') as service,
        departments.team_id is not null as is_in_department,
        team_structures.team_id is not null as is_in_team_structure
    from team_ids
    left join departments
        on team_ids.team_id = departments.team_id
    left join team_structures
        on team_ids.team_id = team_structures.team_id
)

select * from final
