{#-
    The published (suppressed) KPI values with the catalogue's name, area, polarity and
    benchmarks, and the one place where a figure is judged better, worse or the same:
    against the England benchmark, the good-LA benchmark and the same row a month earlier.
    A judgement follows the KPI's polarity; it is null when either figure is null (missing
    or suppressed) or the KPI is neutral. Differences smaller than 1e-9 are `same`.
    Benchmarks are in the KPI's unit (a percent as 0-100).
-#}

{%- set comparisons = [
    ('england_comparison', 'benchmark_england'),
    ('good_la_comparison', 'benchmark_good_la'),
    ('previous_period_comparison', 'previous_period_value'),
] %}

with

kpi_values as (select * from {{ ref('fct_kpi_values_published') }}),

catalogue as (select * from {{ ref('kpi_catalogue') }}),

with_previous as (

    select
        *,
        lag(period_month) over breakdown_series as previous_period_month,
        lag(value) over breakdown_series as lagged_value
    from kpi_values
    window breakdown_series as (partition by kpi_id, breakdown, breakdown_value order by period_month)

),

joined as (

    select
        with_previous.kpi_id,
        catalogue.kpi_name,
        catalogue.kpi_area,
        with_previous.period_month,
        with_previous.period_end,
        with_previous.breakdown,
        with_previous.breakdown_value,
        with_previous.numerator,
        with_previous.denominator,
        with_previous.value,
        with_previous.unit,
        with_previous.is_suppressed,
        with_previous.suppression_reason,
        catalogue.polarity,
        cast(catalogue.benchmark_england as double) as benchmark_england,
        catalogue.benchmark_england_period,
        catalogue.benchmark_england_source,
        cast(catalogue.benchmark_good_la as double) as benchmark_good_la,
        catalogue.benchmark_good_la_source,
        -- the row of the month before, when there is one (a breakdown value may be missing)
        case
            when with_previous.previous_period_month = {{ dbt.dateadd('month', -1, 'with_previous.period_month') }}
                then with_previous.lagged_value
        end as previous_period_value
    from with_previous
    left join catalogue
        on with_previous.kpi_id = catalogue.kpi_id

),

final as (

    select
        *{% for name, reference in comparisons %},
        case
            when value is null or {{ reference }} is null then null
            when polarity is null or polarity not in ('higher_is_better', 'lower_is_better') then null
            when abs(value - {{ reference }}) < 1e-9 then 'same'
            when (value > {{ reference }}) = (polarity = 'higher_is_better') then 'better'
            else 'worse'
        end as {{ name }}{% endfor %}
    from joined

)

select * from final
