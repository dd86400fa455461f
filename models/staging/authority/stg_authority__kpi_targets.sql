{#-
    The authority's targets (var kpi_targets_file; `csc build --targets FILE` checks it row by
    row before dbt runs, docs/contracts/authority-files.md): a target and amber band per KPI,
    from the month given (blank: from the first period). No file, no rows.
-#}
{%- set path = var('kpi_targets_file') -%}

{% if path %}
with source_rows as (

    select *
    from read_csv('{{ path | replace("'", "''") }}', header = true, all_varchar = true)

),

final as (

    select
        trim(kpi_id) as kpi_id,
        cast(trim(target) as double) as target,
        cast(trim(amber_band) as double) as amber_band,
        -- the column is optional: read by name from the row, null when the file has none
        cast(nullif(trim(to_json(source_rows) ->> 'applies_from'), '') || '-01' as date) as applies_from
    from source_rows

)
{% else %}
with final as (

    select
        cast(null as varchar) as kpi_id,
        cast(null as double) as target,
        cast(null as double) as amber_band,
        cast(null as date) as applies_from
    where false

)
{% endif %}

select * from final
