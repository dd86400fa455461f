{#
    The missing KPIs of kpis-inspection.md (see _int_kpis__marts_two.yml; catalogue area
    `children_in_care`): the missing and away episodes of looked-after children
    (int_cla_missing_episodes, in the population) starting in the window are units of
    `cla_missing_episodes` / `cla_away_episodes`, the children with a missing episode
    starting in it of `cla_missing_children`, and the missing episodes ending (the child
    returned) in it of the return home interview KPIs.
#}

with

{{ kpi_periods('children_in_care', [
    'cla_missing_episodes',
    'cla_away_episodes',
    'cla_missing_children',
    'missing_rhi_offered_72h',
    'missing_rhi_offered',
    'missing_rhi_accepted',
]) }},

missing_episodes as (

    select * from {{ ref('int_cla_missing_episodes') }}
    where is_in_population

),

missing_started_in_windows as (

    {{ kpi_rows('missing_episodes', ['cla_missing_episodes', 'cla_away_episodes', 'cla_missing_children'], 'missing_start_date') }}

),

children_missing_in_windows as (

    -- cla_missing_children: a child counts once however many episodes it had
    select distinct
        kpi_id,
        period_end,
        child_key
    from missing_started_in_windows
    where kpi_id = 'cla_missing_children' and is_missing

),

returned_in_windows as (

-- the RHI KPIs: M episodes whose end (return) date is in the window
    {{ kpi_rows(
        'missing_episodes',
        ['missing_rhi_offered_72h', 'missing_rhi_offered', 'missing_rhi_accepted'],
        'missing_end_date',
    ) }}

),

units as (

    {{ kpi_units('missing_started_in_windows', []) }}
    where
        (kpi_id = 'cla_missing_episodes' and is_missing)
        or (kpi_id = 'cla_away_episodes' and is_away)

    union all

    {{ kpi_units('children_missing_in_windows', []) }}

    union all

    -- of M episodes returned in the window: offered within rhi_offer_days of the return and
    -- by P; offered at all (flag Y); accepted, of those offered
    {{ kpi_units(
        'returned_in_windows', [],
        numerator=kpi_indicator({
            'missing_rhi_offered_72h': 'is_rhi_offered_in_time and rhi_offered_date <= period_end',
            'missing_rhi_offered': 'is_rhi_offered',
            'missing_rhi_accepted': 'is_rhi_accepted',
        }, otherwise=none)
    ) }}
    where is_missing and (kpi_id != 'missing_rhi_accepted' or is_rhi_offered)

),

{{ kpi_values_from_units([]) }}

select * from final
