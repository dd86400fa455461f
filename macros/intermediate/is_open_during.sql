{#
    "Open during [first, last]": a record with a start and an optional end can be open
    at some date of the window first_date .. last_date (both inclusive) when it starts on
    or before the window's last day and has not ended by its first day:
    start <= last_date and (end is null or end > first_date).

    It does not test end > start: a record that ends on or before its own start passes
    when its dates straddle the window, so callers that must drop such records filter
    them (int_cla_children_at_period) or apply is_open_at afterwards (a pre-filter).
    Returns a boolean SQL expression; the arguments are SQL expressions of type date.
#}
{% macro is_open_during(start_date, end_date, first_date, last_date) -%}
    {{ start_date }} <= {{ last_date }}
    and coalesce({{ end_date }}, cast('9999-12-31' as date)) > {{ first_date }}
{%- endmacro %}
