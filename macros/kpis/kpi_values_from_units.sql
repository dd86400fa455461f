{#
    The closing CTEs shared by the KPI area models: from counted units to KPI rows.

    The calling model defines two CTEs before calling it:
    - `periods`: the reporting periods (period_month, period_end);
    - `units`: one row per unit of a KPI's population in a period, with kpi_id, period_month,
      period_end, numerator (1 when the unit is counted, else 0), denominator (1 when the unit is
      in the base, else 0; null for counts) and one column per breakdown in `breakdowns` (null
      when the unit has no row for that breakdown).

    It adds `kpis`, `all_row_scaffold`, `unit_breakdowns` and `final` (select * from final
    closes the model): an `all` row for every KPI in `kpi_units` (kpi_id -> unit) and period,
    also for an empty population (counts 0 with a null denominator, other units 0/0), plus a
    row per breakdown value that occurs, numerator and denominator summed over the units.

    `rate_base` names an optional one-row CTE whose column `rate_base` is the denominator of
    rate_per_10k KPIs when no unit exists (e.g. the child population).
#}
{% macro kpi_values_from_units(kpi_units, breakdowns, rate_base=none) -%}
kpis as (

    {% for kpi_id, unit in kpi_units.items() %}
    select
        '{{ kpi_id }}' as kpi_id,
        '{{ unit }}' as unit
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

all_row_scaffold as (

    -- an `all` row for every KPI and period, also when the population is empty:
    -- counts start at 0/null, percentages at 0/0{{ ', rates at 0 over the rate base' if rate_base }}
    select
        kpis.kpi_id,
        periods.period_month,
        periods.period_end,
        'all' as breakdown,
        'all' as breakdown_value,
        cast(0 as double) as numerator,
        case
            when kpis.unit = 'count' then cast(null as double)
            {%- if rate_base %}
            when kpis.unit = 'rate_per_10k' then cast({{ rate_base }}.rate_base as double)
            {%- endif %}
            else cast(0 as double)
        end as denominator
    from kpis
    cross join periods
    {%- if rate_base %}
    cross join {{ rate_base }}
    {%- endif %}

),

unit_breakdowns as (

    select
        kpi_id,
        period_month,
        period_end,
        'all' as breakdown,
        'all' as breakdown_value,
        numerator,
        denominator
    from units

    {% for breakdown in breakdowns %}
    union all

    select
        kpi_id,
        period_month,
        period_end,
        '{{ breakdown }}' as breakdown,
        {{ breakdown }} as breakdown_value,
        numerator,
        denominator
    from units
    where {{ breakdown }} is not null
    {% endfor %}

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
        sum(denominator) as denominator
    from unit_breakdowns
    group by
        kpi_id,
        period_month,
        period_end,
        breakdown,
        breakdown_value

)
{%- endmacro %}
