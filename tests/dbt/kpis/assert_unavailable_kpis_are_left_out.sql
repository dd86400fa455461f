-- landing-inspection.md: the KPIs that need an optional file (or column) the extract lacks
-- are left out of fct_kpi_values, never shown as 0.
select
    kpi_values.kpi_id,
    kpi_values.period_end,
    availability.unavailable_reason
from {{ ref('fct_kpi_values') }} as kpi_values
inner join {{ ref('int_kpi_availability') }} as availability
    on kpi_values.kpi_id = availability.kpi_id
where not availability.is_available
