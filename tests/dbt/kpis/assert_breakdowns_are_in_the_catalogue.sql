-- Each KPI is broken down only by the breakdowns the catalogue lists for it.
with catalogue as (
    select
        kpi_id,
        '|' || breakdowns || '|' as breakdown_list
    from {{ ref('kpi_catalogue') }}
),

used as (
    select distinct
        kpi_id,
        breakdown
    from {{ ref('fct_kpi_values') }}
)

select used.*
from used
inner join catalogue
    on used.kpi_id = catalogue.kpi_id
-- a position, not a like: `_` in a breakdown name is no wildcard
where {{ dbt.position("'|' || used.breakdown || '|'", 'catalogue.breakdown_list') }} = 0
