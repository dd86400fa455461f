{#
    Whether each KPI of the catalogue is given by this extract, as published: the rows and
    columns of int_kpi_availability (see it for the rule). The report reads it to say, in
    each section, which KPIs are not shown and why, instead of leaving them out silently.
#}
with availability as (select * from {{ ref('int_kpi_availability') }}),

final as (
    select
        kpi_id,
        is_available,
        requires_landing_table,
        requires_landing_column,
        unavailable_reason
    from availability
)

select * from final
