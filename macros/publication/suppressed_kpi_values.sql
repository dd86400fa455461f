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
      hidden cell cannot be recovered as the `all` row minus the others (macro
      secondary_suppression, shared with fct_case_audit_grades_published).

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

{{ secondary_suppression(
    'flagged', ['kpi_id', 'period_end', 'breakdown'],
    ['coalesce(denominator, numerator)', 'breakdown_value'], eligible="breakdown <> 'all'"
) }},

final as (

    select
        {%- for column in kpi_key_columns() %}
        {{ column }},
        {%- endfor %}
        {{ suppressed('numerator') }} as numerator,
        {{ suppressed('denominator') }} as denominator,
        {{ suppressed('value') }} as value,
        unit,
        {{ suppression_flags() }},
        {{ suppression_threshold() }} as suppression_threshold
    from decided

)
{%- endmacro %}
