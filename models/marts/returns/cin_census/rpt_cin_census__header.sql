{#
    The Header of the CIN census file (docs/contracts/returns.md "CIN census"), one row:
    CollectionDetails (Collection, Year, ReferenceDate) and Source (SourceLevel, LEA,
    SoftwareCode, Release, SerialNo, DateTime), as the DfE's schema names them.

    - Year is the year the collection ends (2022 for 2021-22) and ReferenceDate its 31 March,
      also for a provisional return (as at the extract date): the DfE's rule 100 and every
      census-period rule derive the year from ReferenceDate.
    - DateTime is the extract date at midnight, not the time of the run, so the same extract
      gives the same file (and the same checksum in returns_manifest.json).
    - SoftwareCode, Release and SerialNo name this warehouse as the software that made the
      file (first file of its release); the DfE does not check them.
#}
-- The DfE's element names are case-sensitive: quoted, so every engine keeps their case.
-- noqa: disable=RF06

with

return_years as (select * from {{ ref('int_return_years') }}),

manifests as (select * from {{ ref('stg_la__extract_manifests') }}),

final as (
    select
        return_years.collection_year,
        1 as return_row,
        'CIN' as "Collection",
        cast(extract(year from return_years.year_end) as {{ dbt.type_string() }}) as "Year",
        return_years.year_end as "ReferenceDate",
        'L' as "SourceLevel",
        manifests.la_code as "LEA",
        'csc_warehouse' as "SoftwareCode",
        '1' as "Release",
        '001' as "SerialNo",
        cast(return_years.extract_date as {{ dbt.type_string() }}) || 'T00:00:00' as "DateTime",
        cast(null as {{ dbt.type_string() }}) as child_key,
        'extract_manifest' as landing_table,
        manifests.landing_row_number
    from return_years
    cross join manifests
)

select * from final
