{{ config(materialized='table', schema='data_quality', tags=['data_quality']) }}

{#
    Values the warehouse reads but cannot use (issue 10, README "Severity policy"): each is a
    finding, and the record leaves only the figures that need the value, which the message
    names. Nothing here stops the build.
    - csc_date_outside_calendar: a date outside the working-day calendar (1900-01-01 to
      2099-12-31); the working-day figures that need it leave the record out;
    - csc_birth_date_after_extract: a date of birth after the extract date (stg_ssd__persons
      leaves birth_date blank, so the child leaves every age-based population);
      csc_implausible_birth_date: one more than var max_person_age_years years before it (a
      query: still used). The date itself is never shown;
    - csc_caseload_out_of_range / csc_not_whole_number: a recorded caseload above var
      max_recorded_caseload, or any count that is not a whole number (12.7 is not read as 13);
    - csc_team_not_in_team_structure: one finding per team id that records use but
      team_structure lacks, with the number of records per table (their locality and service
      are unknown), on the first row of the table that uses it most; dq_build_warnings warns
      when they are more than a small share of the records with a team.
    Negative or absurd FTEs and negative caseloads are csc_fte_out_of_range and
    csc_negative_caseload in dq_rules__workforce. Each rule is described in the dq_rules seed;
    the findings' columns are macro dq_finding's.
#}
{%- set keys = {} %}
{%- for t in landing_table_keys() %}{% do keys.update({t.table: t}) %}{% endfor %}

{%- set clock_start = var('assessment_clock_start') %}
{%- set not_used = 'no working-day figure uses it, so it is used as recorded' %}

{#- (table, staged date column, landing field, what the record leaves when the date is
    outside the calendar). The date of birth is checked by csc_implausible_birth_date. -#}
{%- set calendar_dates = [
    ('ssd_cin_episodes', 'referral_date', 'cine_referral_date',
        'its assessments are excluded from assessment_timeliness (var assessment_clock_start = referral)'
        if clock_start == 'referral' else not_used),
    ('ssd_cin_episodes', 'close_date', 'cine_close_date', not_used),
    ('ssd_cin_assessments', 'assessment_start_date', 'cina_assessment_start_date',
        'the assessment is excluded from assessments_overdue'
        ~ (' and assessment_timeliness' if clock_start == 'assessment_start' else '')),
    ('ssd_cin_assessments', 'assessment_auth_date', 'cina_assessment_auth_date',
        'the assessment is excluded from assessment_timeliness'),
    ('ssd_cin_plans', 'cin_plan_start_date', 'cinp_cin_plan_start_date', not_used),
    ('ssd_cin_plans', 'cin_plan_end_date', 'cinp_cin_plan_end_date', not_used),
    ('ssd_cin_visits', 'cin_visit_date', 'cinv_cin_visit_date', not_used),
    ('ssd_s47_enquiry', 's47_start_date', 's47e_s47_start_date',
        'its initial child protection conferences are excluded from icpc_timeliness'),
    ('ssd_s47_enquiry', 's47_end_date', 's47e_s47_end_date', not_used),
    ('ssd_initial_cp_conference', 'icpc_date', 'icpc_icpc_date',
        'the conference is excluded from icpc_timeliness'),
    ('ssd_cp_plans', 'cp_plan_start_date', 'cppl_cp_plan_start_date',
        'the child is excluded from cp_visit_timeliness while this plan is current and has no later seen visit'),
    ('ssd_cp_plans', 'cp_plan_end_date', 'cppl_cp_plan_end_date', not_used),
    ('ssd_cp_visits', 'cp_visit_date', 'cppv_cp_visit_date',
        'the child is excluded from cp_visit_timeliness while this is the last seen visit'),
    ('ssd_cla_episodes', 'episode_start_date', 'clae_cla_episode_start_date', not_used),
    ('ssd_cla_episodes', 'episode_ceased_date', 'clae_cla_episode_ceased_date', not_used),
    ('ssd_legal_status', 'legal_status_start_date', 'lega_legal_status_start_date', not_used),
    ('ssd_legal_status', 'legal_status_end_date', 'lega_legal_status_end_date', not_used),
    ('ssd_cla_placement', 'placement_start_date', 'clap_cla_placement_start_date', not_used),
    ('ssd_cla_placement', 'placement_end_date', 'clap_cla_placement_end_date', not_used),
    ('ssd_cla_visits', 'cla_visit_date', 'clav_cla_visit_date', not_used),
    ('ssd_cla_health', 'health_check_date', 'clah_health_check_date', not_used),
    ('ssd_care_leavers', 'pathway_plan_review_date', 'clea_pathway_plan_review_date', not_used),
    ('ssd_care_leavers', 'latest_contact_date', 'clea_care_leaver_latest_contact', not_used),
    ('ssd_involvements', 'involvement_start_date', 'invo_involvement_start_date', not_used),
    ('ssd_involvements', 'involvement_end_date', 'invo_involvement_end_date', not_used),
] %}

with professionals as (select * from {{ ref('stg_ssd__professionals') }}),

date_outside_calendar as (
    {%- for table, column, field, consequence in calendar_dates %}
    {{ dq_finding('csc_date_outside_calendar', table, field, 'staged.' ~ column,
        "'" ~ field ~ " ' || cast(staged." ~ column ~ " as " ~ dbt.type_string() ~ ")"
        ~ " || ' is outside the working-day calendar (' || cast(" ~ calendar_start_date() ~ " as " ~ dbt.type_string() ~ ")"
        ~ " || ' to ' || cast(" ~ calendar_end_date() ~ " as " ~ dbt.type_string() ~ ") || '): " ~ consequence ~ "'",
        relation='staged.') }}
    from {{ ref(keys[table].model) }} as staged
    where staged.{{ column }} < {{ calendar_start_date() }}
        or staged.{{ column }} > {{ calendar_end_date() }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

implausible_birth_date as (
    select
        case staged.birth_date_implausibility
            when 'after_extract_date' then 'csc_birth_date_after_extract'
            else 'csc_implausible_birth_date'
        end as rule_id,
        {{ dq_record_identity(keys['ssd_person'], 'staged.') }}
        'pers_dob' as field,
        {#- a date of birth identifies: it is never copied into a finding #}
        cast(null as {{ dbt.type_string() }}) as value,
        case staged.birth_date_implausibility
            when 'after_extract_date'
                then 'pers_dob is after the extract date (the date is not shown): it is not used, so the child'
                    || ' is excluded from every age-based population (cla_stability_long and the care-leaver'
                    || ' cohort of care_leavers_in_touch, care_leavers_suitable_accommodation, care_leavers_eet,'
                    || ' care_leavers_pathway_plan_current and care_leavers_with_pa)'
            else 'pers_dob is more than {{ var('max_person_age_years') }} years before the extract date'
                || ' (the date is not shown): check it; it is still used, and at that age the person is in'
                || ' no age-based population at the extract'
        end as message
    from {{ ref('stg_ssd__persons') }} as staged
    where staged.birth_date_implausibility is not null
),

{%- set caseload_not_used = " || ' (recorded_caseload is left blank; caseload_average counts involvements, not this figure)'" %}

caseload_findings as (
    {{ dq_record_findings([
        ('csc_caseload_out_of_range', 'ssd_professionals', 'professionals', 'prof_professional_caseload',
            'recorded_caseload', 'recorded_caseload > ' ~ var('max_recorded_caseload'),
            "'Caseload ' || cast(recorded_caseload as " ~ dbt.type_string() ~ ")"
            ~ " || ' is above " ~ var('max_recorded_caseload') ~ " (var max_recorded_caseload): it is not used'"
            ~ caseload_not_used),
        ('csc_not_whole_number', 'ssd_professionals', 'professionals', 'prof_professional_caseload',
            'recorded_caseload', 'recorded_caseload <> floor(recorded_caseload)',
            "'Caseload ' || cast(recorded_caseload as " ~ dbt.type_string() ~ ")"
            ~ " || ' is not a whole number of cases: it is not used and not rounded'"
            ~ caseload_not_used),
    ]) }}
    union all
    {{ dq_finding('csc_not_whole_number', 'extract_manifest', 'child_population', 'staged.child_population_number',
        "'child_population ' || cast(staged.child_population_number as " ~ dbt.type_string() ~ ")"
        ~ " || ' is not a whole number that fits a count: it is not used, so referral_rate_per_10k has no'"
        ~ " || ' population'", relation='staged.') }}
    from (
        select
            landing_row_number,
            {{ parse_number('child_population') }} as child_population_number
        from {{ ref('base_la__extract_manifest') }}
    ) as staged
    where staged.child_population_number is not null
        and ({{ whole_number('staged.child_population_number') }}) is null
),

missing_team_uses as (
    select * from {{ ref('dq_team_uses') }}
    where not is_in_team_structure
),

missing_teams as (
    -- one finding per team, placed on the first row of the table that uses it most
    select
        team_id,
        table_name,
        field,
        first_landing_row_number,
        sum(record_count) over (partition by team_id) as team_record_count,
        string_agg(cast(record_count as {{ dbt.type_string() }}) || ' in ' || table_name, ', ')
            over (partition by team_id order by table_name rows between unbounded preceding and unbounded following)
            as uses_by_table,
        row_number() over (partition by team_id order by record_count desc, table_name asc) as table_rank
    from missing_team_uses
),

team_not_in_team_structure as (
    select
        'csc_team_not_in_team_structure' as rule_id,
        table_name,
        team_id as record_id,
        cast(null as {{ dbt.type_string() }}) as child_key,
        first_landing_row_number as landing_row_number,
        field,
        team_id as value,
        'Team ' || team_id || ' is not in team_structure: ' || cast(team_record_count as {{ dbt.type_string() }})
        || ' records use it (' || uses_by_table || '; first here, row '
        || cast(first_landing_row_number as {{ dbt.type_string() }})
        || ') and show under locality and service unknown' as message
    from missing_teams
    where table_rank = 1
),

final as (
    select * from date_outside_calendar
    union all
    select * from implausible_birth_date
    union all
    select * from caseload_findings
    union all
    select * from team_not_in_team_structure
)

select * from final
