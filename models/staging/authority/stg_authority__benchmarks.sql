{#-
    The authority's benchmark file (var authority_benchmarks_file; `csc build --benchmarks
    FILE` checks it row by row before dbt runs, docs/contracts/authority-files.md): one row per
    KPI, comparator and year. No file, no rows (the columns keep their types): macro
    authority_file_rows.
-#}

with final as (

    {{ authority_file_rows(var('authority_benchmarks_file'), [
        ['kpi_id', dbt.type_string(), 'trim(kpi_id)'],
        ['comparator', dbt.type_string(), 'trim(comparator)'],
        ['collection_year', dbt.type_string(), 'trim(collection_year)'],
        ['year_end_date', 'date', 'cast(trim(year_end_date) as date)'],
        ['benchmark_value', type_double(), 'cast(trim(benchmark_value) as ' ~ type_double() ~ ')'],
        ['benchmark_source', dbt.type_string(), 'trim(source)'],
    ]) }}

)

select * from final
