{#
    Teams of the department with their locality and service, as published: the rows
    and columns of int_teams, where they are built from stg_ssd__departments and
    stg_la__team_structures (see it for the rule).
#}
with teams as (select * from {{ ref('int_teams') }}),

final as (
    select
        team_id,
        team_name,
        parent_team_id,
        parent_team_name,
        locality,
        service,
        is_in_department,
        is_in_team_structure
    from teams
)

select * from final
