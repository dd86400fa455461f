{#-
    The authority's targets (var kpi_targets_file; `csc build --targets FILE` checks it row by
    row before dbt runs, docs/contracts/authority-files.md): a target and amber band per KPI,
    from the month given (blank: from the first period). No file, no rows: macro
    authority_file_rows. The applies_from column is optional: read by name from the row, null
    when the file has none.
-#}

with final as (

    {{ authority_file_rows(var('kpi_targets_file'), [
        ['kpi_id', dbt.type_string(), 'trim(kpi_id)'],
        ['target', type_double(), 'cast(trim(target) as ' ~ type_double() ~ ')'],
        ['amber_band', type_double(), 'cast(trim(amber_band) as ' ~ type_double() ~ ')'],
        ['applies_from', 'date',
            "cast(nullif(trim(to_json(source_rows) ->> 'applies_from'), '') || '-01' as date)"],
    ]) }}

)

select * from final
