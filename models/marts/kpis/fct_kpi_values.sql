{#
    The KPI table (kpis.md "Output: fct_kpi_values"): one row per KPI, period end, breakdown
    and breakdown value, for every KPI of the catalogue. Each KPI area computes its numerators
    and denominators in one intermediate model; this model puts them together, takes the unit
    from the catalogue and computes `value` from it in one place:
    count = numerator; percent = 100 * n / d; ratio = n / d; rate_per_10k = 10000 * n / d;
    null when the denominator is 0. Counts carry a null denominator.
    Completeness (an `all` row for every KPI and period, ids matching the catalogue both ways)
    is enforced by tests, not by filling in values here.
#}
{%- set area_models = kpi_area_models() %}

with area_values as (
    {%- for area_model in area_models %}
    select
        kpi_id,
        period_month,
        period_end,
        breakdown,
        breakdown_value,
        numerator,
        denominator
    from {{ ref(area_model) }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

catalogue as (
    select * from {{ ref('kpi_catalogue') }}
),

periods as (
    select * from {{ ref('dim_reporting_periods') }}
),

in_reporting_periods as (
    select area_values.*
    from area_values
    inner join periods
        on area_values.period_end = periods.period_end
),

with_unit as (
    select
        in_reporting_periods.kpi_id,
        in_reporting_periods.period_month,
        in_reporting_periods.period_end,
        in_reporting_periods.breakdown,
        coalesce(in_reporting_periods.breakdown_value, 'unknown') as breakdown_value,
        cast(in_reporting_periods.numerator as double) as numerator,
        case
            when catalogue.unit = 'count' then cast(null as double)
            else cast(in_reporting_periods.denominator as double)
        end as denominator,
        catalogue.unit
    from in_reporting_periods
    inner join catalogue
        on in_reporting_periods.kpi_id = catalogue.kpi_id
),

final as (
    select
        kpi_id,
        period_month,
        period_end,
        breakdown,
        breakdown_value,
        numerator,
        denominator,
        case unit
            when 'count' then numerator
            when 'percent' then 100.0 * numerator / nullif(denominator, 0)
            when 'ratio' then numerator / nullif(denominator, 0)
            when 'rate_per_10k' then 10000.0 * numerator / nullif(denominator, 0)
        end as value,
        unit
    from with_unit
)

select * from final
