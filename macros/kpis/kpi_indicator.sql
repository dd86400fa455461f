{#
    A unit's 0/1 value for the KPIs whose numerator (or denominator) counts the units meeting a
    condition: `conditions` maps each such kpi_id to its condition (SQL text). The unit counts
    1 where the condition holds and 0 where it does not, or is null (an unknown flag is not
    met); for the unit's other KPIs it counts `otherwise` (default 1: every unit counts; none:
    null, for a model whose every KPI has a condition).
#}
{% macro kpi_indicator(conditions, otherwise=1) -%}
    case kpi_id
        {%- for kpi_id, condition in conditions.items() %}
        when '{{ kpi_id }}' then case when {{ condition }} then 1 else 0 end
        {%- endfor %}
        {%- if otherwise is not none %}
        else {{ otherwise }}
        {%- endif %}
    end
{%- endmacro %}
