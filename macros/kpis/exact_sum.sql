{#
    Sum of a fractional measure (FTE) that does not depend on the order of the rows: the
    values are added as decimals (6 places) and the total returned as a double. Plain double
    sums can differ in the last bits from one build to the next (194.6 vs 194.60000000000002),
    and a published figure must be reproducible.
#}
{% macro exact_sum(expression) -%}
    cast(sum(cast({{ expression }} as decimal(18, 6))) as {{ type_double() }})
{%- endmacro %}
