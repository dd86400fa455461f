{#-
    The published (suppressed) KPI values with the catalogue's name, area and polarity, and
    the one place where a figure is judged and given its benchmarks and RAG status:

    - benchmarks: for each comparator (England from the seed benchmarks_england; statistical
      neighbours, region and good LAs from the authority's file), the latest figure of a year
      that does not end after the period end (year_end_date <= period_end), with its year and
      source; `benchmark_<c>_status` says `no_comparable_figure` when the KPI has figures of
      that comparator but none for a year ended by then (no value, no judgement);
    - judgements: better, worse or same against each benchmark and the same row a month
      earlier, following the polarity, on the difference rounded to the decimals the report
      shows (macro judgement: a change shown as 0 is `same`);
    - RAG: against the authority's target in force in the month (stg_authority__kpi_targets,
      the latest applies_from on or before the month), on the `all` row of a KPI that has a
      polarity: green at or better than the target, amber worse by no more than the amber
      band, red beyond it; null with no target.
    Benchmarks and targets are in the KPI's unit (a percent as 0-100).
-#}

{%- set comparators = ['england', 'statistical_neighbours', 'region', 'good_la'] %}

with

kpi_values as (select * from {{ ref('fct_kpi_values_published') }}),

catalogue as (select * from {{ ref('kpi_catalogue') }}),

benchmarks as (select * from {{ ref('int_kpi_benchmarks') }}),

targets as (select * from {{ ref('stg_authority__kpi_targets') }}),

periods as (

    select distinct
        kpi_id,
        period_month,
        period_end
    from kpi_values

),

-- the comparators each KPI has a figure of, in any year
kpi_comparators as (

    select distinct
        kpi_id,
        comparator
    from benchmarks

),

-- per KPI, period and comparator: the figures of years ended by the period end, latest first
comparable as (

    select
        periods.kpi_id,
        periods.period_month,
        benchmarks.comparator,
        benchmarks.benchmark_value,
        benchmarks.collection_year,
        benchmarks.year_end_date,
        benchmarks.benchmark_source,
        row_number() over (
            partition by periods.kpi_id, periods.period_month, benchmarks.comparator
            order by benchmarks.year_end_date desc
        ) as recency
    from periods
    inner join benchmarks
        on
        periods.kpi_id = benchmarks.kpi_id
        and periods.period_end >= benchmarks.year_end_date

),

selected as (

    select
        periods.kpi_id,
        periods.period_month,
        kpi_comparators.comparator,
        comparable.benchmark_value,
        comparable.collection_year,
        comparable.year_end_date,
        comparable.benchmark_source,
        case when comparable.kpi_id is null then 'no_comparable_figure' else 'comparable' end as status
    from periods
    inner join kpi_comparators
        on periods.kpi_id = kpi_comparators.kpi_id
    left join comparable
        on
        periods.kpi_id = comparable.kpi_id
        and periods.period_month = comparable.period_month
        and kpi_comparators.comparator = comparable.comparator
        and comparable.recency = 1

),

-- per KPI and month: the target whose applies_from is the latest on or before the month
targets_in_force as (

    select
        periods.kpi_id,
        periods.period_month,
        targets.target,
        targets.amber_band,
        targets.applies_from,
        row_number() over (
            partition by periods.kpi_id, periods.period_month
            order by targets.applies_from desc nulls last
        ) as recency
    from periods
    inner join targets
        on
        periods.kpi_id = targets.kpi_id
        and coalesce(targets.applies_from, periods.period_month) <= periods.period_month

),

with_previous as (

    select
        *,
        lag(period_month) over breakdown_series as previous_period_month,
        lag(value) over breakdown_series as lagged_value
    from kpi_values
    window breakdown_series as (partition by kpi_id, breakdown, breakdown_value order by period_month)

),

joined as (

    select
        with_previous.kpi_id,
        catalogue.kpi_name,
        catalogue.kpi_area,
        with_previous.period_month,
        with_previous.period_end,
        with_previous.breakdown,
        with_previous.breakdown_value,
        with_previous.numerator,
        with_previous.denominator,
        with_previous.value,
        with_previous.unit,
        with_previous.is_suppressed,
        with_previous.suppression_reason,
        catalogue.polarity,
        {%- for c in comparators %}
        selected_{{ c }}.benchmark_value as benchmark_{{ c }},
        selected_{{ c }}.collection_year as benchmark_{{ c }}_period,
        selected_{{ c }}.year_end_date as benchmark_{{ c }}_period_end,
        selected_{{ c }}.benchmark_source as benchmark_{{ c }}_source,
        selected_{{ c }}.status as benchmark_{{ c }}_status,
        {%- endfor %}
        -- the row of the month before, when there is one (a breakdown value may be missing)
        case
            when with_previous.previous_period_month = {{ dbt.dateadd('month', -1, 'with_previous.period_month') }}
                then with_previous.lagged_value
        end as previous_period_value,
        -- a target is for the KPI as a whole: its `all` row
        case when with_previous.breakdown = 'all' then targets_in_force.target end as target,
        case when with_previous.breakdown = 'all' then targets_in_force.amber_band end as target_amber_band,
        case when with_previous.breakdown = 'all' then targets_in_force.applies_from end as target_applies_from
    from with_previous
    left join catalogue
        on with_previous.kpi_id = catalogue.kpi_id
    {%- for c in comparators %}
    left join selected as selected_{{ c }}
        on
        with_previous.kpi_id = selected_{{ c }}.kpi_id
        and with_previous.period_month = selected_{{ c }}.period_month
        and selected_{{ c }}.comparator = '{{ c }}'
    {%- endfor %}
    left join targets_in_force
        on
        with_previous.kpi_id = targets_in_force.kpi_id
        and with_previous.period_month = targets_in_force.period_month
        and targets_in_force.recency = 1

),

judged as (

    select
        *,
        {%- for c in comparators %}
        {{ judgement('value', 'benchmark_' ~ c, 'polarity', 'unit') }} as {{ c }}_comparison,
        {%- endfor %}
        {{ judgement('value', 'previous_period_value', 'polarity', 'unit') }} as previous_period_comparison,
        -- how far the value is better than the target (negative: worse), at the displayed decimals
        case
            when value is null or target is null then null
            when polarity = 'higher_is_better' then {{ round_double('value - target', display_decimals('unit')) }}
            when polarity = 'lower_is_better' then {{ round_double('target - value', display_decimals('unit')) }}
        end as target_margin
    from joined

),

final as (

    select
        *,
        case
            when target_margin is null then null
            when target_margin >= 0 then 'green'
            when target_margin >= -target_amber_band then 'amber'
            else 'red'
        end as rag_status
    from judged

)

select * from final
