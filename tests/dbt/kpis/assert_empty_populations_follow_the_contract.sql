-- kpis.md "Empty populations": numerator and denominator are never null, except the
-- denominator of a count (always null); value is null exactly when a non-count KPI has a
-- zero denominator.
select *
from {{ ref('fct_kpi_values') }}
where numerator is null
    or (unit = 'count' and denominator is not null)
    or (unit <> 'count' and denominator is null)
    or (unit <> 'count' and denominator = 0 and value is not null)
    or (unit <> 'count' and denominator <> 0 and value is null)
