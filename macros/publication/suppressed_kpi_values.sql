{#-
    The closing CTEs of a model that publishes KPI values (fct_kpi_values_published,
    fct_kpi_values_month_to_date_comparison): small numbers suppressed by the rules of the
    KPI contract (kpis.md, "Publication"), threshold t = var suppression_threshold. The
    calling model defines `kpi_values` (rows of fct_kpi_values' columns) and `catalogue`
    (the kpi_catalogue seed); `final` has fct_kpi_values_published's columns.

    * primary: a row of a KPI whose catalogue flag is_suppressed_when_small is true, with a
      numerator or a denominator greater than 0 and at most t;
    * secondary: within one KPI, period and breakdown (not `all`), when exactly one row is
      primary-suppressed, the smallest other row of that breakdown is suppressed too, so the
      hidden cell cannot be recovered as the `all` row minus the others.

    A suppressed row keeps its keys and unit and has numerator, denominator and value null.
-#}
{% macro suppressed_kpi_values() -%}
flagged as (

    select
        kpi_values.*,
        -- a KPI missing from the catalogue is suppressed (fails safe)
        coalesce(catalogue.is_suppressed_when_small, true)
        and (
            {{ is_small_number('kpi_values.numerator') }}
            or {{ is_small_number('kpi_values.denominator') }}
        ) as is_primary
    from kpi_values
    left join catalogue
        on kpi_values.kpi_id = catalogue.kpi_id

),

grouped as (

    select
        *,
        sum(case when is_primary then 1 else 0 end) over breakdown_group as primary_in_group,
        count(*) over breakdown_group as rows_in_group,
        row_number() over (
            partition by kpi_id, period_end, breakdown
            order by is_primary, coalesce(denominator, numerator), breakdown_value
        ) as size_rank
    from flagged
    window breakdown_group as (partition by kpi_id, period_end, breakdown)

),

decided as (

    select
        *,
        (
            not is_primary
            and breakdown <> 'all'
            and primary_in_group = 1
            and rows_in_group > 1
            and size_rank = 1
        ) as is_secondary
    from grouped

),

final as (

    select
        kpi_id,
        period_month,
        period_end,
        breakdown,
        breakdown_value,
        case when is_primary or is_secondary then null else numerator end as numerator,
        case when is_primary or is_secondary then null else denominator end as denominator,
        case when is_primary or is_secondary then null else value end as value,
        unit,
        is_primary or is_secondary as is_suppressed,
        case
            when is_primary then 'small_number'
            when is_secondary then 'secondary'
        end as suppression_reason,
        {{ suppression_threshold() }} as suppression_threshold
    from decided

)
{%- endmacro %}
