-- kpis.md: every period has a row for every KPI at breakdown `all`, also when the
-- population is empty; a KPI the extract cannot give (its optional file or column not
-- supplied, int_kpi_availability) has no row at all.
with expected as (
    select
        availability.kpi_id,
        periods.period_end
    from {{ ref('int_kpi_availability') }} as availability
    cross join {{ ref('dim_reporting_periods') }} as periods
    where availability.is_available
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
