{#
    "Open at D" (kpis.md): a record with a start and an optional end is open at the
    date D when start <= D and (end is null or end > D). The end day itself is not
    open (the record ended on it); a null end is still open.

    Returns a boolean SQL expression (null when start or D is null, so a join or a
    where drops the row). Written with coalesce(end, 9999-12-31) so that DuckDB
    plans a join on it as a range join. The arguments are SQL expressions of type date.
#}
{% macro is_open_at(start_date, end_date, at_date) -%}
    {{ start_date }} <= {{ at_date }}
    and coalesce({{ end_date }}, cast('9999-12-31' as date)) > {{ at_date }}
{%- endmacro %}

{#
    "Open at D, or ending on D when that counts": as is_open_at, and also a record whose end
    is D itself when `counts_end_day` (a SQL boolean) holds, e.g. the record running on the
    last day of a period of care that ended on D (annex-a.md List 8: legal status and
    permanence plan "at the period's end").
#}
{% macro is_open_at_or_ending_on(start_date, end_date, at_date, counts_end_day) -%}
    {{ start_date }} <= {{ at_date }}
    and (
        coalesce({{ end_date }}, cast('9999-12-31' as date)) > {{ at_date }}
        or ({{ counts_end_day }} and {{ end_date }} = {{ at_date }})
    )
{%- endmacro %}
