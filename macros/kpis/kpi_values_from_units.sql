{#
    The closing CTEs of every KPI area model: from counted units to KPI rows, driven by the
    kpi_catalogue seed.

    The calling model defines, before calling it:
    - `kpis` and `kpi_periods` (the `kpi_periods(kpi_area)` macro): the area's KPIs from the
      catalogue, with their unit and breakdowns, and the reporting periods;
    - `units`: one row per unit of a KPI's population in a period, with kpi_id, period_month,
      period_end, numerator (1 when the unit is counted, else 0), denominator (1 when the unit is
      in the base, else 0; ignored for counts and rates, whose unit the catalogue gives) and one
      column per breakdown in `breakdowns` (null when the unit has no row for that breakdown). With `breakdowns=none` the units are already
      broken down: they carry `breakdown` and `breakdown_value` themselves (one row per `all`
      and per breakdown value; workforce sums its FTEs exactly per breakdown value).

    It adds `all_row_scaffold`, `unit_breakdowns`, `catalogue_breakdowns` and `final`
    (select * from final closes the model): an `all` row for every KPI of the catalogue's area
    and every period, also for an empty population (a count 0 with a null denominator, other
    units 0/0, a rate_per_10k 0 over the rate base), plus a row per breakdown value that
    occurs, for the breakdowns the catalogue lists for the KPI only; numerator and
    denominator are summed over the units of the reporting periods (`periods`), and `unit` is
    the catalogue's. A unit whose kpi_id the catalogue does not have is kept with a null
    unit, so that the KPI completeness tests report it.

    `rate_base` names an optional one-row CTE whose column `rate_base` is the denominator of
    rate_per_10k KPIs when no unit exists (e.g. the child population).
#}
{% macro kpi_values_from_units(breakdowns, rate_base=none) -%}
all_row_scaffold as (

    -- an `all` row for every KPI and period, also when the population is empty:
    -- counts start at 0/null, other units at 0/0{{ ', rates at 0 over the rate base' if rate_base }}
    select
        kpi_periods.kpi_id,
        kpi_periods.period_month,
        kpi_periods.period_end,
        'all' as breakdown,
        'all' as breakdown_value,
        cast(0 as double) as numerator,
        case
            when kpi_periods.unit = 'count' then cast(null as double)
            {%- if rate_base %}
            when kpi_periods.unit = 'rate_per_10k' then cast({{ rate_base }}.rate_base as double)
            {%- endif %}
            else cast(0 as double)
        end as denominator,
        kpi_periods.unit
    from kpi_periods
    {%- if rate_base %}
    cross join {{ rate_base }}
    {%- endif %}

),

unit_breakdowns as (

    {%- if breakdowns is none %}

    select
        kpi_id,
        period_month,
        period_end,
        breakdown,
        breakdown_value,
        cast(numerator as double) as numerator,
        cast(denominator as double) as denominator
    from units

    {%- else %}

    select
        kpi_id,
        period_month,
        period_end,
        'all' as breakdown,
        'all' as breakdown_value,
        cast(numerator as double) as numerator,
        cast(denominator as double) as denominator
    from units

    {%- for breakdown in breakdowns %}

    union all

    select
        kpi_id,
        period_month,
        period_end,
        '{{ breakdown }}' as breakdown,
        {{ breakdown }} as breakdown_value,
        cast(numerator as double) as numerator,
        cast(denominator as double) as denominator
    from units
    where {{ breakdown }} is not null
    {%- endfor %}

    {%- endif %}

),

catalogue_breakdowns as (

    -- only the breakdowns the catalogue lists for the KPI; a count has no denominator, and
    -- a rate_per_10k takes its denominator (the rate base) from the `all` row scaffold only
    select
        unit_breakdowns.kpi_id,
        unit_breakdowns.period_month,
        unit_breakdowns.period_end,
        unit_breakdowns.breakdown,
        unit_breakdowns.breakdown_value,
        unit_breakdowns.numerator,
        case
            when kpis.unit = 'count' then cast(null as double)
            when kpis.unit = 'rate_per_10k' then cast(0 as double)
            else unit_breakdowns.denominator
        end as denominator,
        kpis.unit
    from unit_breakdowns
    inner join periods
        on unit_breakdowns.period_end = periods.period_end
    left join kpis
        on unit_breakdowns.kpi_id = kpis.kpi_id
    where
        kpis.kpi_id is null
        or unit_breakdowns.breakdown = 'all'
        or {{ dbt.position("'|' || unit_breakdowns.breakdown || '|'", 'kpis.breakdown_list') }} > 0

    union all

    select * from all_row_scaffold

),

final as (

    select
        kpi_id,
        period_month,
        period_end,
        breakdown,
        breakdown_value,
        sum(numerator) as numerator,
        sum(denominator) as denominator,
        unit
    from catalogue_breakdowns
    group by
        kpi_id,
        period_month,
        period_end,
        breakdown,
        breakdown_value,
        unit

)
{%- endmacro %}
