{#
    Whether each KPI of the catalogue can be computed from this extract
    (docs/contracts/landing-inspection.md "Files", kpis-inspection.md "KPIs on optional
    columns"): a KPI whose optional landing file was not supplied, or whose optional column
    is absent from that file's header, is left out of fct_kpi_values rather than shown as 0
    (a 0 would read as a real figure). A header-only file, or a column present but empty,
    is supplied: the KPI is output. The catalogue names what each KPI needs
    (requires_landing_table, requires_landing_column); stg_la__landing_files says what the
    extract holds. unavailable_reason is worded for the reader: the report prints it after
    the KPI's name ("Not available: <name> - <reason>").
#}

with

catalogue as (select * from {{ ref('kpi_catalogue') }}),

landing_files as (select * from {{ ref('stg_la__landing_files') }}),

requirements as (

    select
        catalogue.kpi_id,
        catalogue.requires_landing_table,
        catalogue.requires_landing_column,
        landing_files.landing_table is not null as is_declared_table,
        coalesce(landing_files.is_supplied, false) as is_file_supplied,
        catalogue.requires_landing_column is not null
        and {{ dbt.position(
            "',' || lower(catalogue.requires_landing_column) || ','",
            "',' || replace(coalesce(landing_files.absent_optional_columns, ''), ' ', '') || ','"
        ) }} > 0 as is_column_absent
    from catalogue
    left join landing_files
        on catalogue.requires_landing_table = landing_files.landing_table

),

final as (

    select
        kpi_id,
        requires_landing_table,
        requires_landing_column,
        case
            when requires_landing_table is null then true
            when not is_file_supplied or is_column_absent then false
            else true
        end as is_available,
        case
            when requires_landing_table is null then null
            when not is_declared_table
                then 'the catalogue names ' || requires_landing_table || ', which is not a landing table'
            when not is_file_supplied then 'the extract has no ' || requires_landing_table || ' file (csv or parquet)'
            when is_column_absent
                then requires_landing_table || ' has no column ' || requires_landing_column
        end as unavailable_reason
    from requirements

)

select * from final
