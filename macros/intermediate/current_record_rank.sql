{#
    "The current record at P" (kpis.md): of several records of one key (a child at a
    period end, a visit, a chain of rows), the current one is the latest: the greatest
    first expression of latest_first, then the greatest second, and so on. This is
    the row_number() that ranks them; rank 1 is the current record, e.g.

        {{ current_record_rank(['child_key', 'as_at_date'],
                               ['cin_plan_start_date', 'cast(cin_plan_id as varchar)']) }}
            as plan_recency_rank

    and then `where plan_recency_rank = 1`. partition_by and latest_first are lists of
    SQL expressions (an id compared as text is cast by the caller: the cast is part of
    the rule). Each latest_first expression sorts descending, nulls as the engine puts
    them (DuckDB: last), so list a unique expression last to make the rank deterministic.
#}
{% macro current_record_rank(partition_by, latest_first) -%}
    row_number() over (
        partition by {{ partition_by | join(', ') }}
        order by
        {%- for expression in latest_first %} {{ expression }} desc{{ ',' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}
