{{ config(materialized='table', schema='data_quality', tags=['data_quality']) }}

{#
    Rules on the looked-after and care-leaver tables, on the rows staging kept: episode dates
    out of order or before birth, overlapping and unfinished episodes, ceased date and reason
    not paired, first episode not started with reason S, X1 without a continuing episode,
    short-term legal statuses held too long, short breaks over 75 days a year, care leaver
    items all or none, care leavers outside the 16-25 age range. A rule keeps a DfE SSDA903
    number (ssda903_356) only where it flags exactly what the DfE's rule flags on the return's
    records; the others are this project's own (csc_...), and their dfe_reference in the
    dq_rules seed says how they differ from the DfE rule they resemble. Each rule is described
    in the dq_rules seed.
#}

with persons as (select * from {{ ref('stg_ssd__persons') }}),

episodes as (select * from {{ ref('stg_ssd__cla_episodes') }}),

legal_statuses as (select * from {{ ref('stg_ssd__legal_statuses') }}),

placements as (select * from {{ ref('stg_ssd__cla_placements') }}),

care_leavers as (select * from {{ ref('stg_ssd__care_leavers') }}),

extract_manifest as (
    select max(extract_date) as extract_date
    from {{ ref('stg_la__extract_manifests') }}
),

episodes_with_birth as (
    select
        episodes.*,
        persons.birth_date
    from episodes
    inner join persons
        on episodes.person_id = persons.person_id
),

episodes_in_order as (
    {{ dq_periods_in_order('episodes', 'cla_episode_id', 'episode_start_date', 'episode_ceased_date',
                           columns=['start_reason_code', 'ceased_reason_code']) }}
),

care_leaver_age as (
    select
        care_leavers.*,
        {{ age_at('persons.birth_date', 'care_leavers.extract_date') }} as age_at_extract
    from care_leavers
    inner join persons
        on care_leavers.person_id = persons.person_id
),

-- rules that test one record: (rule, landing table, relation, field, value, condition, message) --

{%- set record_rules = [
    ('ssda903_356', 'ssd_cla_episodes', 'episodes', 'clae_cla_episode_ceased_date', 'episode_ceased_date', 'episode_ceased_date < episode_start_date', "'Episode ceased ' || cast(episode_ceased_date as " ~ dbt.type_string() ~ ") || ', before it started on ' || cast(episode_start_date as " ~ dbt.type_string() ~ ")"),
    ('csc_episode_before_birth', 'ssd_cla_episodes', 'episodes_with_birth', 'clae_cla_episode_start_date', 'episode_start_date', 'episode_start_date < birth_date', "'Episode start ' || cast(episode_start_date as " ~ dbt.type_string() ~ ") || ' is before the child''s date of birth'"),
    ('csc_earlier_episode_not_ceased', 'ssd_cla_episodes', 'episodes_in_order', 'clae_cla_episode_ceased_date', 'episode_start_date', 'episode_ceased_date is null and next_start is not null', "'The episode has no ceased date, but a later episode of the child starts on ' || cast(next_start as " ~ dbt.type_string() ~ ")"),
    ('csc_overlapping_episodes', 'ssd_cla_episodes', 'episodes_in_order', 'clae_cla_episode_start_date', 'episode_start_date', 'episode_start_date < latest_earlier_end', "'The episode starts on ' || cast(episode_start_date as " ~ dbt.type_string() ~ ") || ', before an earlier episode of the child ceased (' || cast(latest_earlier_end as " ~ dbt.type_string() ~ ") || ')'"),
    ('csc_first_episode_not_started', 'ssd_cla_episodes', 'episodes_in_order', 'clae_cla_episode_start_reason', 'start_reason_code', "period_number = 1 and coalesce(start_reason_code, '') != 'S'", "'The first episode of the child has reason for new episode ''' || coalesce(start_reason_code, '') || ''', not S'"),
    ('csc_continuation_without_next_episode', 'ssd_cla_episodes', 'episodes_in_order', 'clae_cla_episode_ceased_reason', 'ceased_reason_code', "ceased_reason_code = 'X1' and episode_ceased_date is not null and coalesce(next_start, date '0001-01-01') != episode_ceased_date", "'The episode ceased with X1 (continuation) on ' || cast(episode_ceased_date as " ~ dbt.type_string() ~ ") || ' but no episode of the child starts that day'"),
    ('csc_care_leaver_age', 'ssd_care_leavers', 'care_leaver_age', 'extract_date', 'age_at_extract', 'age_at_extract < 16 or age_at_extract > 25', "'The care leaver is ' || cast(age_at_extract as " ~ dbt.type_string() ~ ") || ' at the extract date ' || cast(extract_date as " ~ dbt.type_string() ~ ") || '; care leaver records cover ages 16 to 25'"),
] %}

{#- short-term legal statuses held too long: (rule, code, days, what) #}
{%- set days_held = dbt.datediff('legal_status_start_date', 'legal_status_end_date', 'day') %}
{%- for rule, code, days, what in [
    ('csc_police_protection_too_long', 'L1', 3, 'police protection'),
    ('csc_emergency_protection_too_long', 'L2', 21, 'an emergency protection order'),
    ('csc_child_assessment_order_too_long', 'L3', 7, 'a child assessment order'),
] %}
{%- do record_rules.append((rule, 'ssd_legal_status', 'legal_statuses', 'lega_legal_status_end_date', 'legal_status_end_date', "legal_status_code = '" ~ code ~ "' and " ~ days_held ~ ' > ' ~ days, "'Legal status " ~ code ~ " (" ~ what ~ ") lasts ' || cast(" ~ days_held ~ " as " ~ dbt.type_string() ~ ") || ' days; it cannot last more than " ~ days ~ "'")) %}
{%- endfor %}

record_findings as (
    {{ dq_record_findings(record_rules) }}
),

ceased_date_and_reason_unpaired as (
    {{ dq_finding('csc_ceased_date_and_reason_unpaired', 'ssd_cla_episodes', none, 'coalesce(cast(episode_ceased_date as ' ~ dbt.type_string() ~ '), ceased_reason_code)',
        "case
            when episode_ceased_date is null then 'The episode has a reason it ceased (' || ceased_reason_code || ') but no ceased date'
            else 'The episode has a ceased date (' || cast(episode_ceased_date as " ~ dbt.type_string() ~ ") || ') but no reason it ceased'
        end",
        field_expression="case when episode_ceased_date is null then 'clae_cla_episode_ceased_date' else 'clae_cla_episode_ceased_reason' end") }}
    from episodes
    where (
        episode_ceased_date is null and ceased_reason_code is not null
        and coalesce(parse_errors, '') not like '%clae_cla_episode_ceased_date: %'
    )
    or (episode_ceased_date is not null and ceased_reason_code is null)
),

care_leaver_items_partial as (
    {{ dq_finding('ssda903_153', 'ssd_care_leavers', none, 'null',
        "'In touch, activity and accommodation must be all present or all blank; '
        || cast(
            case when in_touch_code is null then 0 else 1 end + case when activity_code is null then 0 else 1 end
            + case when accommodation_code is null then 0 else 1 end as " ~ dbt.type_string() ~ "
        )
        || ' of 3 are present'",
        field_expression="case
            when in_touch_code is null then 'clea_care_leaver_in_touch'
            when activity_code is null then 'clea_care_leaver_activity'
            else 'clea_care_leaver_accommodation'
        end") }}
    from care_leavers
    where (in_touch_code is null or activity_code is null or accommodation_code is null)
        and not (in_touch_code is null and activity_code is null and accommodation_code is null)
),

-- legal statuses ---------------------------------------------------------------------------

respite_in_last_year as (
    select
        legal_statuses.person_id,
        sum(
            {{ dbt.datediff(
                'greatest(legal_statuses.legal_status_start_date, cast(' ~ dbt.dateadd('year', -1, 'extract_manifest.extract_date') ~ ' as date))',
                'least(coalesce(legal_statuses.legal_status_end_date, extract_manifest.extract_date), extract_manifest.extract_date)',
                'day') }} + 1
        ) as respite_days,
        max(legal_statuses.legal_status_id) as legal_status_id
    from legal_statuses
    cross join extract_manifest
    where legal_statuses.legal_status_code in ('V3', 'V4')
        and legal_statuses.legal_status_start_date <= extract_manifest.extract_date
        and coalesce(legal_statuses.legal_status_end_date, extract_manifest.extract_date)
        >= cast({{ dbt.dateadd('year', -1, 'extract_manifest.extract_date') }} as date)
    group by legal_statuses.person_id
),

respite_over_limit as (
    {{ dq_finding('csc_short_breaks_over_75_days', 'ssd_legal_status', 'lega_legal_status', 'respite_in_last_year.respite_days',
        "'The child had ' || cast(respite_in_last_year.respite_days as " ~ dbt.type_string() ~ ")
        || ' days of short-break care (V3/V4) in the year to the extract date; the limit is 75'", relation='legal_statuses.') }}
    from respite_in_last_year
    inner join legal_statuses
        on respite_in_last_year.legal_status_id = legal_statuses.legal_status_id
    where respite_in_last_year.respite_days > 75
),

end_before_start as (
    {{ dq_end_before_start([
        ('ssd_legal_status', 'legal_statuses', 'legal_status_start_date', 'legal_status_end_date', 'lega_legal_status_end_date'),
        ('ssd_cla_placement', 'placements', 'placement_start_date', 'placement_end_date', 'clap_cla_placement_end_date'),
    ]) }}
),

final as (
    {{ dq_union_all(['record_findings', 'ceased_date_and_reason_unpaired', 'care_leaver_items_partial', 'respite_over_limit', 'end_before_start']) }}
)

select * from final
