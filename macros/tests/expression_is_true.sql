{#
    Fails for every row where the SQL expression is false. Applied to a column,
    the expression is appended to the column name (`column_name expression`,
    e.g. expression ">= 0").

    A row where the expression is null passes (SQL's `where not (null)` keeps
    no row); write `x is not null and ...` when nulls must fail. Limit the rows
    tested with the standard `where` config.
#}
{% test expression_is_true(model, expression, column_name=none) %}

{%- set tested_expression = (column_name ~ ' ' ~ expression) if column_name is not none else expression -%}

with

failing_rows as (

    select *
    from {{ model }}
    where not ({{ tested_expression }})

),

final as (

    select * from failing_rows

)

select * from final

{% endtest %}
