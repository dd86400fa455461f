{#
    Fails for every row whose column value is outside [min_value, max_value]
    (inclusive=true, the default) or (min_value, max_value) (inclusive=false).
    Either bound may be left out, not both. Null values pass (use not_null).

    min_value / max_value are SQL expressions: numbers as they are, dates as
    e.g. "cast('2000-01-01' as date)" or "{{ calendar_start_date() }}".
#}
{% test accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true) %}

{%- if min_value is none and max_value is none -%}
    {{ exceptions.raise_compiler_error(
        "accepted_range on " ~ model ~ "." ~ column_name ~ ": give min_value, max_value or both"
    ) }}
{%- endif -%}
{%- set below = '<' if inclusive else '<=' -%}
{%- set above = '>' if inclusive else '>=' -%}

with

failing_rows as (

    select *
    from {{ model }}
    where {{ column_name }} is not null
        and (
            {%- if min_value is not none %}
            {{ column_name }} {{ below }} {{ min_value }}
            {%- endif %}
            {%- if min_value is not none and max_value is not none %}
            or
            {%- endif %}
            {%- if max_value is not none %}
            {{ column_name }} {{ above }} {{ max_value }}
            {%- endif %}
        )

),

final as (

    select * from failing_rows

)

select * from final

{% endtest %}
