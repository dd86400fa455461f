{#
    One select of a KPI area model's `units` CTE (the input of kpi_values_from_units): the
    rows of `relation` with kpi_id, period_end, numerator and denominator (SQL text, 1 by
    default) and then, in the order of `breakdowns` (the list the model also gives
    kpi_values_from_units), each breakdown: its expression from `values` (a column of the same
    name is given by its name) or null for a breakdown the unit has no value for. `kpi_id` is
    the expression of the KPI id (the relation's kpi_id by default). The caller may follow it
    with a where clause.
#}
{% macro kpi_units(relation, breakdowns, numerator='1', denominator='1', values={}, kpi_id='kpi_id') -%}
    {%- for name in values if name not in breakdowns %}
        {{ exceptions.raise_compiler_error("kpi_units: " ~ name ~ " is not one of the breakdowns " ~ breakdowns | join(', ')) }}
    {%- endfor %}
    select
        {{ kpi_id }}{{ ' as kpi_id' if kpi_id != 'kpi_id' }},
        period_end,
        {{ numerator }} as numerator,
        {{ denominator }} as denominator
        {%- for breakdown in breakdowns %},
        {%- set value = values.get(breakdown, 'cast(null as ' ~ dbt.type_string() ~ ')') %}
        {{ value }}{{ ' as ' ~ breakdown if value != breakdown }}
        {%- endfor %}
    from {{ relation }}
{%- endmacro %}
