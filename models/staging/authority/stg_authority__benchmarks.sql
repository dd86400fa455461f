{#-
    The authority's benchmark file (var authority_benchmarks_file; `csc build --benchmarks
    FILE` checks it row by row before dbt runs, docs/contracts/authority-files.md): one row per
    KPI, comparator and year. No file, no rows (the columns keep their types).
-#}
{%- set path = var('authority_benchmarks_file') -%}

{% if path %}
with source_rows as (

    select *
    from read_csv('{{ path | replace("'", "''") }}', header = true, all_varchar = true)

),

final as (

    select
        trim(kpi_id) as kpi_id,
        trim(comparator) as comparator,
        trim(collection_year) as collection_year,
        cast(trim(year_end_date) as date) as year_end_date,
        cast(trim(benchmark_value) as double) as benchmark_value,
        trim(source) as benchmark_source
    from source_rows

)
{% else %}
with final as (

    select
        cast(null as varchar) as kpi_id,
        cast(null as varchar) as comparator,
        cast(null as varchar) as collection_year,
        cast(null as date) as year_end_date,
        cast(null as double) as benchmark_value,
        cast(null as varchar) as benchmark_source
    where false

)
{% endif %}

select * from final
