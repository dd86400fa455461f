{#
    One row per assessment with its clock start and the working days from the clock
    start to authorisation (kpis.md, `assessment_timeliness`). The clock start is set by
    var `assessment_clock_start`: `assessment_start` (default, DfE) or `referral` (the
    date of the linked referral). Assessments whose clock start is null or after the
    authorisation date are left out of the timeliness population and keep the reason in
    `timeliness_exclusion_reason`, so data-quality reports can list them.
#}

{%- set clock_start = var('assessment_clock_start') -%}
{%- if clock_start not in ['assessment_start', 'referral'] -%}
    {{ exceptions.raise_compiler_error(
        "var assessment_clock_start must be 'assessment_start' or 'referral', got '"
        ~ clock_start ~ "'"
    ) }}
{%- endif -%}

with

assessments as (select * from {{ ref('stg_ssd__cin_assessments') }}),

referrals as (select * from {{ ref('stg_ssd__cin_episodes') }}),

teams as (select * from {{ ref('int_teams') }}),

calendar as (select * from {{ ref('int_dates') }}),

clock_started as (

    select
        assessments.*,
        referrals.referral_date,
        {% if clock_start == 'referral' -%}
            referrals.referral_date
        {%- else -%}
        assessments.assessment_start_date
        {%- endif %} as clock_start_date
    from assessments
    left join referrals
        on assessments.referral_id = referrals.referral_id

),

working_days_counted as (

-- working days from the clock start to authorisation (an explicit join to the
-- calendar); null when either date is not in it or the clock starts after authorisation
    {{ with_working_days(
        'clock_started', 'clock_start_date', 'assessment_auth_date',
        'working_days_to_authorisation', calendar='calendar', forward_only=true
    ) }}

),

timed as (

    -- a date outside the working-day calendar is an error (kpis.md), not a working day:
    -- such an assessment is left out of the population and named here, and
    -- csc_date_outside_calendar reports the date (the build goes on)
    select
        *,
        case
            when assessment_auth_date is null then null
            when clock_start_date is null then 'no_clock_start'
            when clock_start_date > assessment_auth_date then 'clock_start_after_authorisation'
            when working_days_to_authorisation is null then 'date_outside_working_day_calendar'
        end as timeliness_exclusion_reason
    from working_days_counted

),

final as (

    select
        timed.assessment_id,
        timed.child_key,
        timed.referral_id,
        timed.referral_date,
        timed.assessment_start_date,
        timed.assessment_auth_date,
        timed.clock_start_date,
        timed.working_days_to_authorisation,
        timed.timeliness_exclusion_reason,
        coalesce(
            timed.assessment_auth_date is not null
            and timed.timeliness_exclusion_reason is null,
            false
        ) as is_in_timeliness_population,
        coalesce(
            timed.working_days_to_authorisation
            <= {{ var('assessment_timescale_working_days') }},
            false
        ) as is_within_timescale,
        timed.is_child_seen,
        timed.is_outcome_nfa,
        {{ team_attributes('timed.assessment_team_id') }}
    from timed
    left join teams
        on timed.assessment_team_id = teams.team_id

)

select * from final
