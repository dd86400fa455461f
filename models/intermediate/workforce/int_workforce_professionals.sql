-- Professionals (ssd_professionals, a current snapshot: today's job title, FTE and team apply
-- to every period) with the social-worker flag of the caseload KPI and the service of the
-- worker's own team (prof_professional_department; `unknown` when null or not in int_teams).
-- Social workers: job title in var social_worker_job_titles, compared case-insensitively after
-- trimming.
--
-- Plausibility (dq_rules__plausibility reports each case):
-- - an FTE below 0 or above var max_fte_per_person (default 1.5) is not a real contract:
--   is_fte_out_of_range is true, fte is null, and the worker leaves caseload_average
--   (numerator and denominator, as if missing from ssd_professionals, so the ratio is not
--   skewed by keeping their cases without their FTE);
-- - recorded_caseload (prof_professional_caseload) is a count of cases: it is kept only as a
--   whole number from 0 to var max_recorded_caseload (default 100). 12.7 is not read as 13,
--   and 99999999999999999999 is not an INT64 conversion error: both are null here. Reading of
--   kpis.md: caseload_average counts the involvements a worker holds, not this recorded
--   figure, so no KPI uses recorded_caseload and nulling it changes no KPI value.

{%- set titles = var('social_worker_job_titles') %}

with

professionals as (select * from {{ ref('stg_ssd__professionals') }}),

teams as (select * from {{ ref('int_teams') }}),

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
        case
            when professionals.fte between 0 and {{ var('max_fte_per_person') }}
                then professionals.fte
        end as fte,
        coalesce(
            professionals.fte < 0 or professionals.fte > {{ var('max_fte_per_person') }},
            false
        ) as is_fte_out_of_range,
        professionals.is_agency_worker,
        case
            when professionals.recorded_caseload between 0 and {{ var('max_recorded_caseload') }}
                then {{ whole_number('professionals.recorded_caseload') }}
        end as recorded_caseload,
        {{ team_attributes('professionals.team_id') }}
    from professionals
    left join teams
        on professionals.team_id = teams.team_id

)

select * from final
