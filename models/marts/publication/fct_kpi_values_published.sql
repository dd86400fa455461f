{#-
    fct_kpi_values with small numbers suppressed: what leaves the warehouse (the report, the
    published database of `csc publish`). The rules are those of the KPI contract (kpis.md,
    "Publication") with threshold t = var suppression_threshold, written once in the macro
    suppressed_kpi_values (primary: a small numerator or denominator of a KPI the catalogue
    suppresses when small; secondary: the smallest other cell of a breakdown with one such
    cell). A suppressed row keeps its keys and unit and has numerator, denominator and value
    null.
-#}

with

kpi_values as (select * from {{ ref('fct_kpi_values') }}),

catalogue as (select * from {{ ref('kpi_catalogue') }}),

{{ suppressed_kpi_values() }}

select * from final
