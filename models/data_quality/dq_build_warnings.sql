{{ config(materialized='table', schema='data_quality', tags=['data_quality']) }}

{#
    Build-level warnings (README "Severity policy"): one row per condition that does not stop
    the build but makes a whole breakdown or figure doubtful, for `csc build` to print after
    the build summary. Empty when there is nothing to warn about.
    - unknown_team_share: more than var unknown_team_warning_share (default 0.05) of the
      records that name a team (referrals, assessments, CIN plans, s47 enquiries, ICPCs,
      professionals) name one missing from team_structure, so their locality and service
      breakdowns show unknown (one csc_team_not_in_team_structure finding per team).
#}

{%- set threshold = var('unknown_team_warning_share') %}

with team_uses as (select * from {{ ref('dq_team_uses') }}),

team_use_counts as (
    select
        sum(record_count) as records_with_team,
        coalesce(sum(record_count) filter (where not is_in_team_structure), 0) as records_with_missing_team,
        count(distinct team_id) filter (where not is_in_team_structure) as missing_teams
    from team_uses
),

unknown_team_share as (
    select
        'unknown_team_share' as warning_id,
        records_with_missing_team as affected_records,
        records_with_team as total_records,
        cast(records_with_missing_team as {{ type_double() }}) / records_with_team as affected_share,
        cast(records_with_missing_team as {{ dbt.type_string() }}) || ' of ' || cast(records_with_team as {{ dbt.type_string() }})
        || ' records with a team (' || cast(round(100.0 * records_with_missing_team / records_with_team, 1) as {{ dbt.type_string() }})
        || '%) name one of ' || cast(missing_teams as {{ dbt.type_string() }})
        || ' teams missing from team_structure: their locality and service figures show unknown'
        || ' (more than {{ (threshold * 100) | round(1) }}%, var unknown_team_warning_share;'
        || ' see csc_team_not_in_team_structure in dq_rule_failures)' as warning
    from team_use_counts
    where records_with_team > 0
        and cast(records_with_missing_team as {{ type_double() }}) / records_with_team > {{ threshold }}
),

final as (
    select
        warning_id,
        warning,
        affected_records,
        total_records,
        affected_share
    from unknown_team_share
)

select * from final
