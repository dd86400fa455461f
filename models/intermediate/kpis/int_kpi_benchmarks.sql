{#-
    Every benchmark figure by KPI, comparator and year: the England series of the seed
    benchmarks_england (comparator `england`) and the authority's file (statistical
    neighbours, region, good LAs; stg_authority__benchmarks, empty without a file).
    fct_kpi_values_benchmarked picks, for each period, the latest year that does not end
    after the period end.
-#}

with

england as (select * from {{ ref('benchmarks_england') }}),

authority as (select * from {{ ref('stg_authority__benchmarks') }}),

unioned as (

    select
        kpi_id,
        'england' as comparator,
        collection_year,
        cast(year_end_date as date) as year_end_date,
        cast(benchmark_value as {{ type_double() }}) as benchmark_value,
        source as benchmark_source
    from england

    union all

    select
        kpi_id,
        comparator,
        collection_year,
        year_end_date,
        benchmark_value,
        benchmark_source
    from authority

),

final as (select * from unioned)

select * from final
