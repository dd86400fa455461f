{{ config(materialized='table', schema='data_quality', tags=['data_quality']) }}

{#
    SSDA903 rules (the DfE's SSDA903 validation rules, by their DfE numbers) and this project's own checks on the
    looked-after and care-leaver tables, on the rows staging kept: episode dates out of order
    or before birth, overlapping and unfinished episodes, ceased date and reason not paired,
    first episode not started with reason S, X1 without a continuing episode, short-term legal
    statuses held too long, respite over 75 days a year, care leaver items all or none, care
    leavers outside the 17-21 age range. Each rule is described in the dq_rules seed.
#}

with persons as (
    select * from {{ ref('stg_ssd__persons') }}
),

episodes as (
    select * from {{ ref('stg_ssd__cla_episodes') }}
),

legal_statuses as (
    select * from {{ ref('stg_ssd__legal_statuses') }}
),

placements as (
    select * from {{ ref('stg_ssd__cla_placements') }}
),

care_leavers as (
    select * from {{ ref('stg_ssd__care_leavers') }}
),

extract_manifest as (
    select max(extract_date) as extract_date
    from {{ ref('stg_la__extract_manifests') }}
),

episode_ceased_before_start as (
    select
        'ssda903_356' as rule_id,
        'ssd_cla_episodes' as table_name,
        cla_episode_id as record_id,
        child_key,
        landing_row_number,
        'clae_cla_episode_ceased_date' as field,
        cast(episode_ceased_date as varchar) as value,
        'Episode ceased ' || cast(episode_ceased_date as varchar) || ', before it started on ' || cast(episode_start_date as varchar) as message
    from episodes
    where episode_ceased_date < episode_start_date
),

ceased_date_and_reason_unpaired as (
    select
        'ssda903_148' as rule_id,
        'ssd_cla_episodes' as table_name,
        cla_episode_id as record_id,
        child_key,
        landing_row_number,
        case when episode_ceased_date is null then 'clae_cla_episode_ceased_date' else 'clae_cla_episode_ceased_reason' end as field,
        coalesce(cast(episode_ceased_date as varchar), ceased_reason_code) as value,
        case
            when episode_ceased_date is null then 'The episode has a reason it ceased (' || ceased_reason_code || ') but no ceased date'
            else 'The episode has a ceased date (' || cast(episode_ceased_date as varchar) || ') but no reason it ceased'
        end as message
    from episodes
    where (
        episode_ceased_date is null and ceased_reason_code is not null
        and coalesce(parse_errors, '') not like '%clae_cla_episode_ceased_date: %'
    )
    or (episode_ceased_date is not null and ceased_reason_code is null)
),

episode_before_birth as (
    select
        'ssda903_302' as rule_id,
        'ssd_cla_episodes' as table_name,
        episodes.cla_episode_id as record_id,
        episodes.child_key,
        episodes.landing_row_number,
        'clae_cla_episode_start_date' as field,
        cast(episodes.episode_start_date as varchar) as value,
        'Episode start ' || cast(episodes.episode_start_date as varchar) || ' is before the child''s date of birth' as message
    from episodes
    inner join persons
        on episodes.person_id = persons.person_id
    where episodes.episode_start_date < persons.birth_date
),

episodes_ordered as (
    select
        cla_episode_id,
        child_key,
        landing_row_number,
        person_id,
        episode_start_date,
        episode_ceased_date,
        start_reason_code,
        ceased_reason_code,
        max(episode_ceased_date) over (
            partition by person_id
            order by episode_start_date, cla_episode_id
            rows between unbounded preceding and 1 preceding
        ) as latest_earlier_ceased_date,
        lead(episode_start_date) over (
            partition by person_id
            order by episode_start_date, cla_episode_id
        ) as next_start_date,
        row_number() over (
            partition by person_id
            order by episode_start_date, cla_episode_id
        ) as episode_number
    from episodes
    where episode_start_date is not null
        and person_id is not null
),

overlapping_episodes as (
    select
        'ssda903_501' as rule_id,
        'ssd_cla_episodes' as table_name,
        cla_episode_id as record_id,
        child_key,
        landing_row_number,
        'clae_cla_episode_start_date' as field,
        cast(episode_start_date as varchar) as value,
        'The episode starts on ' || cast(episode_start_date as varchar) || ', before an earlier episode of the child ceased ('
        || cast(latest_earlier_ceased_date as varchar) || ')' as message
    from episodes_ordered
    where episode_start_date < latest_earlier_ceased_date
),

earlier_episode_not_ceased as (
    select
        'ssda903_142' as rule_id,
        'ssd_cla_episodes' as table_name,
        cla_episode_id as record_id,
        child_key,
        landing_row_number,
        'clae_cla_episode_ceased_date' as field,
        cast(episode_start_date as varchar) as value,
        'The episode has no ceased date, but a later episode of the child starts on ' || cast(next_start_date as varchar) as message
    from episodes_ordered
    where episode_ceased_date is null
        and next_start_date is not null
),

first_episode_not_started as (
    select
        'ssda903_357' as rule_id,
        'ssd_cla_episodes' as table_name,
        cla_episode_id as record_id,
        child_key,
        landing_row_number,
        'clae_cla_episode_start_reason' as field,
        start_reason_code as value,
        'The first episode of the child has reason for new episode ''' || coalesce(start_reason_code, '') || ''', not S' as message
    from episodes_ordered
    where episode_number = 1
        and coalesce(start_reason_code, '') != 'S'
),

continuation_without_next_episode as (
    select
        'ssda903_388' as rule_id,
        'ssd_cla_episodes' as table_name,
        cla_episode_id as record_id,
        child_key,
        landing_row_number,
        'clae_cla_episode_ceased_reason' as field,
        ceased_reason_code as value,
        'The episode ceased with X1 (continuation) on ' || cast(episode_ceased_date as varchar)
        || ' but no episode of the child starts that day' as message
    from episodes_ordered
    where ceased_reason_code = 'X1'
        and episode_ceased_date is not null
        and coalesce(next_start_date, date '0001-01-01') != episode_ceased_date
),

{%- set short_orders = [('ssda903_361', 'L1', 3, 'police protection'), ('ssda903_362', 'L2', 21, 'an emergency protection order'), ('ssda903_363', 'L3', 7, 'a child assessment order')] %}

short_order_too_long as (
    {%- for rule, code, days, label in short_orders %}
    select
        '{{ rule }}' as rule_id,
        'ssd_legal_status' as table_name,
        legal_status_id as record_id,
        child_key,
        landing_row_number,
        'lega_legal_status_end_date' as field,
        cast(legal_status_end_date as varchar) as value,
        'Legal status {{ code }} ({{ label }}) lasts ' || cast({{ dbt.datediff('legal_status_start_date', 'legal_status_end_date', 'day') }} as varchar)
        || ' days; it cannot last more than {{ days }}' as message
    from legal_statuses
    where legal_status_code = '{{ code }}'
        and {{ dbt.datediff('legal_status_start_date', 'legal_status_end_date', 'day') }} > {{ days }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

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
    select
        'ssda903_367' as rule_id,
        'ssd_legal_status' as table_name,
        legal_statuses.legal_status_id as record_id,
        legal_statuses.child_key,
        legal_statuses.landing_row_number,
        'lega_legal_status' as field,
        cast(respite_in_last_year.respite_days as varchar) as value,
        'The child had ' || cast(respite_in_last_year.respite_days as varchar)
        || ' days of short-break care (V3/V4) in the year to the extract date; the limit is 75' as message
    from respite_in_last_year
    inner join legal_statuses
        on respite_in_last_year.legal_status_id = legal_statuses.legal_status_id
    where respite_in_last_year.respite_days > 75
),

{%- set end_before_start = [
    ('ssd_legal_status', 'legal_statuses', 'legal_status_id', 'legal_status_start_date', 'legal_status_end_date', 'lega_legal_status_end_date'),
    ('ssd_cla_placement', 'placements', 'cla_placement_id', 'placement_start_date', 'placement_end_date', 'clap_cla_placement_end_date'),
] %}

end_before_start as (
    {%- for table, cte, key, start_column, end_column, field in end_before_start %}
    select
        'csc_end_before_start' as rule_id,
        '{{ table }}' as table_name,
        {{ key }} as record_id,
        child_key,
        landing_row_number,
        '{{ field }}' as field,
        cast({{ end_column }} as varchar) as value,
        'End date ' || cast({{ end_column }} as varchar) || ' is before the start date ' || cast({{ start_column }} as varchar) as message
    from {{ cte }}
    where {{ end_column }} < {{ start_column }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

care_leaver_items_partial as (
    select
        'ssda903_191' as rule_id,
        'ssd_care_leavers' as table_name,
        care_leaver_row_id as record_id,
        child_key,
        landing_row_number,
        case
            when in_touch_code is null then 'clea_care_leaver_in_touch'
            when activity_code is null then 'clea_care_leaver_activity'
            else 'clea_care_leaver_accommodation'
        end as field,
        cast(null as varchar) as value,
        'In touch, activity and accommodation must be all present or all blank; '
        || cast(
            case when in_touch_code is null then 0 else 1 end + case when activity_code is null then 0 else 1 end
            + case when accommodation_code is null then 0 else 1 end as varchar
        )
        || ' of 3 are present' as message
    from care_leavers
    where (in_touch_code is null or activity_code is null or accommodation_code is null)
        and not (in_touch_code is null and activity_code is null and accommodation_code is null)
),

care_leaver_age as (
    select
        care_leavers.*,
        {{ age_at('persons.birth_date', 'care_leavers.extract_date') }} as age_at_extract
    from care_leavers
    inner join persons
        on care_leavers.person_id = persons.person_id
),

care_leaver_outside_age_range as (
    select
        'csc_care_leaver_age' as rule_id,
        'ssd_care_leavers' as table_name,
        care_leaver_row_id as record_id,
        child_key,
        landing_row_number,
        'extract_date' as field,
        cast(age_at_extract as varchar) as value,
        'The care leaver is ' || cast(age_at_extract as varchar) || ' at the extract date ' || cast(extract_date as varchar)
        || '; care leaver records cover ages 16 to 25' as message
    from care_leaver_age
    where age_at_extract < 16
        or age_at_extract > 25
),

final as (
    {%- set parts = ['episode_ceased_before_start', 'ceased_date_and_reason_unpaired', 'episode_before_birth',
        'overlapping_episodes', 'earlier_episode_not_ceased', 'first_episode_not_started',
        'continuation_without_next_episode', 'short_order_too_long', 'respite_over_limit', 'end_before_start',
        'care_leaver_items_partial', 'care_leaver_outside_age_range'] %}
    {%- for part in parts %}
    select * from {{ part }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
)

select * from final
