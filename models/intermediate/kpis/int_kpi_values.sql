{#
    The KPI values of every period of int_reporting_periods, the month to date comparison
    included (kpis.md "Output: fct_kpi_values"): one row per KPI, period end, breakdown and
    breakdown value. Each KPI area computes its numerators and denominators in one
    intermediate model, for the reporting periods, with the unit of the catalogue
    (kpi_values_from_units); this model puts them together and computes `value` from the
    unit in one place:
    count = numerator; percent = 100 * n / d; ratio = n / d; rate_per_10k = 10000 * n / d;
    null when the denominator is 0. Counts carry a null denominator (the area models give
    none).
    A KPI whose optional landing file (or column) the extract lacks is left out
    (int_kpi_availability: not shown as 0, which would read as a real figure).
    fct_kpi_values keeps the rows of the months (dim_reporting_periods),
    fct_kpi_values_month_to_date_comparison those of the comparison of the extract month's
    first days (int_reporting_periods.is_month_to_date_comparison).
#}
{{ config(meta={'structure_exceptions': {
    'too_many_joins': 'a union, not a join: one intermediate model per KPI area or kind of unit (kpi_area_models)',
}}) }}
{%- set area_models = kpi_area_models() %}

with

availability as (select * from {{ ref('int_kpi_availability') }}),

area_values as (
    {%- for area_model in area_models %}
    select
        {%- for column in kpi_key_columns() %}
        {{ column }},
        {%- endfor %}
        numerator,
        denominator,
        unit
    from {{ ref(area_model) }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

final as (
    -- an id the catalogue does not have (null unit) is left out here and reported by the
    -- test assert_kpi_ids_match_catalogue
    select
        area_values.kpi_id,
        area_values.period_month,
        area_values.period_end,
        area_values.breakdown,
        coalesce(area_values.breakdown_value, 'unknown') as breakdown_value,
        area_values.numerator,
        area_values.denominator,
        case area_values.unit
            when 'count' then area_values.numerator
            when 'percent' then 100.0 * area_values.numerator / nullif(area_values.denominator, 0)
            when 'ratio' then area_values.numerator / nullif(area_values.denominator, 0)
            when 'rate_per_10k' then 10000.0 * area_values.numerator / nullif(area_values.denominator, 0)
        end as value,
        area_values.unit
    from area_values
    where
        area_values.unit is not null
        and area_values.kpi_id not in (
            select availability.kpi_id from availability
            where not availability.is_available
        )
)

select * from final
