-- Professionals (ssd_professionals, a current snapshot: today's job title, FTE and team apply
-- to every period) with the social-worker flag of the caseload KPI and the service of the
-- worker's own team (prof_professional_department; `unknown` when null or not in dim_teams).
-- Social workers: job title in var social_worker_job_titles, compared case-insensitively after
-- trimming.

{%- set titles = var('social_worker_job_titles') %}

with

professionals as (

    select * from {{ ref('stg_ssd__professionals') }}

),

teams as (

    select * from {{ ref('dim_teams') }}

),

final as (

    select
        professionals.professional_id,
        professionals.job_title,
        coalesce(
            lower(trim(professionals.job_title)) in (
                {%- for title in titles %}
                '{{ title | trim | lower | replace("'", "''") }}'{{ ',' if not loop.last }}
                {%- endfor %}
            ),
            false
        ) as is_social_worker,
        professionals.fte,
        professionals.is_agency_worker,
        professionals.recorded_caseload,
        professionals.team_id,
        coalesce(teams.locality, 'unknown') as locality,
        coalesce(teams.service, 'unknown') as service
    from professionals
    left join teams
        on professionals.team_id = teams.team_id

)

select * from final
