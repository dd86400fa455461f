{#
    The closing CTEs of every KPI area model: from counted units to KPI rows, driven by the
    kpi_catalogue seed.

    The calling model defines, before calling it:
    - `periods`, `kpis` and `kpi_periods` (the `kpi_periods(kpi_area)` macro): the reporting
      periods and the area's KPIs from the catalogue, with their unit and breakdowns;
    - `units`: one row per unit of a KPI's population in a period, with kpi_id, period_end
      (the scaffold adds period_month from `periods`), numerator (1 when the unit is counted, else 0), denominator (1 when the unit is
      in the base, else 0; ignored for counts and rates, whose unit the catalogue gives) and one
      column per breakdown in `breakdowns` (null when the unit has no value for it). With
      `breakdowns=none` the units are already broken down: they carry `breakdown` and
      `breakdown_value` themselves (workforce sums its FTEs exactly per breakdown value).

    It adds `catalogue_units`, `unit_breakdowns` and `final` (select * from final closes the
    model): an `all` row for every KPI of the catalogue's area and every period, also for an
    empty population (a count 0 with a null denominator, other units 0/0, a rate_per_10k 0
    over the rate base), plus a row per breakdown value that occurs, for the breakdowns the
    catalogue lists for the KPI only; numerator and denominator are summed over the units of
    the reporting periods, and `unit` is the catalogue's. A unit whose kpi_id the catalogue
    does not have is kept with a null unit, so that the KPI completeness tests report it.

    `rate_base` names an optional one-row CTE whose column `rate_base` is the denominator of
    rate_per_10k KPIs (e.g. the child population), added once per period.
#}
{% macro kpi_values_from_units(breakdowns, rate_base=none) -%}
{%- set unpivot = [] %}
{%- if breakdowns is none %}
    {%- do unpivot.append(('breakdown', 'breakdown_value')) %}
{%- else %}
    {%- do unpivot.append(("'all'", "'all'")) %}
    {%- for breakdown in breakdowns %}
        {%- do unpivot.append(("'" ~ breakdown ~ "'", breakdown)) %}
    {%- endfor %}
{%- endif -%}

catalogue_units as (

    -- the units of the reporting periods with the unit and breakdowns of their KPI; a count
    -- has no denominator, and a rate_per_10k takes its denominator (the rate base) once per
    -- period from the `all` row scaffold below
    select
        units.*,
        periods.period_month,
        kpis.unit,
        kpis.breakdown_list,
        case
            when kpis.unit = 'count' then cast(null as {{ type_double() }})
            when kpis.unit = 'rate_per_10k' then cast(0 as {{ type_double() }})
            else cast(units.denominator as {{ type_double() }})
        end as unit_denominator
    from units
    inner join periods
        on units.period_end = periods.period_end
    left join kpis
        on units.kpi_id = kpis.kpi_id

),

unit_breakdowns as (

    {%- for breakdown, breakdown_value in unpivot %}

    -- breakdown {{ breakdown }}, when the catalogue lists it for the KPI
    select
        kpi_id,
        period_month,
        period_end,
        {{ breakdown }} as breakdown,
        {{ breakdown_value }} as breakdown_value,
        cast(numerator as {{ type_double() }}) as numerator,
        unit_denominator as denominator,
        unit
    from catalogue_units
    {%- if breakdown_value != "'all'" %}
    where
        (
            unit is null
            or {{ breakdown }} = 'all'
            or {{ dbt.position("'|' || " ~ breakdown ~ " || '|'", 'breakdown_list') }} > 0
        )
        {%- if breakdowns is not none %}
        and {{ breakdown_value }} is not null
        {%- endif %}
    {%- endif %}

    union all
    {%- endfor %}

    -- an `all` row for every KPI and period, also when the population is empty:
    -- counts start at 0/null, other units at 0/0{{ ', rates at 0 over the rate base' if rate_base }}
    select
        kpi_periods.kpi_id,
        kpi_periods.period_month,
        kpi_periods.period_end,
        'all' as breakdown,
        'all' as breakdown_value,
        cast(0 as {{ type_double() }}) as numerator,
        case
            when kpi_periods.unit = 'count' then cast(null as {{ type_double() }})
            {%- if rate_base %}
            when kpi_periods.unit = 'rate_per_10k' then cast({{ rate_base }}.rate_base as {{ type_double() }})
            {%- endif %}
            else cast(0 as {{ type_double() }})
        end as denominator,
        kpi_periods.unit
    from kpi_periods
    {%- if rate_base %}
    cross join {{ rate_base }}
    {%- endif %}

),

final as (

    select
        {%- for column in kpi_key_columns() %}
        {{ column }},
        {%- endfor %}
        sum(numerator) as numerator,
        sum(denominator) as denominator,
        unit
    from unit_breakdowns
    group by {{ kpi_key_columns() | join(', ') }}, unit

)
{%- endmacro %}
