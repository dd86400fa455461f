{#
    Which landing files were supplied (register_landing_files, landing-inspection.md "Files"):
    one row per declared landing table. The KPIs of an optional file not supplied are left out
    of fct_kpi_values (not shown as 0) and the Annex A columns that need it are blank; a
    header-only file is supplied (is_supplied true) with no records.
    absent_optional_columns: the optional columns the supplied file lacks (read as blank).
#}
with source as (select * from {{ ref('base_landing_register__landing_files') }}),

final as (
    select
        cast(landing_table as {{ dbt.type_string() }}) as landing_table,
        cast(is_optional_file as boolean) as is_optional_file,
        cast(is_supplied as boolean) as is_supplied,
        cast(absent_optional_columns as {{ dbt.type_string() }}) as absent_optional_columns
    from source
)

select * from final
