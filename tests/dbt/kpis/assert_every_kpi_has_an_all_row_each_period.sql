-- kpis.md: every period has a row for every KPI at breakdown `all`, also when the
-- population is empty.
with expected as (
    select
        catalogue.kpi_id,
        periods.period_end
    from {{ ref('kpi_catalogue') }} as catalogue
    cross join {{ ref('dim_reporting_periods') }} as periods
),

present as (
    select
        kpi_id,
        period_end
    from {{ ref('fct_kpi_values') }}
    where breakdown = 'all' and breakdown_value = 'all'
)

select expected.*
from expected
left join present
    on expected.kpi_id = present.kpi_id
    and expected.period_end = present.period_end
where present.kpi_id is null
