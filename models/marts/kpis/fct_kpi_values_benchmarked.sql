{{ config(materialized='view') }}

-- fct_kpi_values with the KPI catalogue's name, area, polarity and benchmarks, so a consumer
-- can compare and colour each figure without another lookup. `england_comparison` (and
-- `good_la_comparison`) say whether the value is better or worse than the benchmark given the
-- KPI's polarity: `better`, `worse` or `same`; null when the value or the benchmark is null or
-- the KPI is neutral. Benchmarks are in the KPI's unit (a percent as 0-100).

with

kpi_values as (

    select * from {{ ref('fct_kpi_values') }}

),

catalogue as (

    select * from {{ ref('kpi_catalogue') }}

),

joined as (

    select
        kpi_values.kpi_id,
        catalogue.kpi_name,
        catalogue.kpi_area,
        kpi_values.period_month,
        kpi_values.period_end,
        kpi_values.breakdown,
        kpi_values.breakdown_value,
        kpi_values.numerator,
        kpi_values.denominator,
        kpi_values.value,
        kpi_values.unit,
        catalogue.polarity,
        cast(catalogue.benchmark_england as double) as benchmark_england,
        catalogue.benchmark_england_period,
        catalogue.benchmark_england_source,
        cast(catalogue.benchmark_good_la as double) as benchmark_good_la,
        catalogue.benchmark_good_la_source
    from kpi_values
    left join catalogue
        on kpi_values.kpi_id = catalogue.kpi_id

),

final as (

    select
        *,
        case
            when value is null or benchmark_england is null then null
            when polarity not in ('higher_is_better', 'lower_is_better') or polarity is null then null
            when value = benchmark_england then 'same'
            when (value > benchmark_england) = (polarity = 'higher_is_better') then 'better'
            else 'worse'
        end as england_comparison,
        case
            when value is null or benchmark_good_la is null then null
            when polarity not in ('higher_is_better', 'lower_is_better') or polarity is null then null
            when value = benchmark_good_la then 'same'
            when (value > benchmark_good_la) = (polarity = 'higher_is_better') then 'better'
            else 'worse'
        end as good_la_comparison
    from joined

)

select * from final
