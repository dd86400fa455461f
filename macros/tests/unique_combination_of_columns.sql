{#
    Fails for every combination of values of the given columns that occurs on
    more than one row; one failing row per duplicated combination, with its
    row_count. Nulls compare equal here (as in `group by`), so two rows with the
    same values and a null in the same column are duplicates; add not_null tests
    for key columns that must be filled.

    combination_of_columns: a list of column names (a single name is accepted).
#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

{%- if combination_of_columns is string -%}
    {%- set combination_of_columns = [combination_of_columns] -%}
{%- endif -%}
{%- if not combination_of_columns -%}
    {{ exceptions.raise_compiler_error(
        "unique_combination_of_columns on " ~ model ~ ": combination_of_columns must name at least one column"
    ) }}
{%- endif -%}
{%- set column_list = combination_of_columns | join(', ') -%}

with

combinations as (

    select
        {{ column_list }},
        count(*) as row_count
    from {{ model }}
    group by {{ column_list }}

),

final as (

    select *
    from combinations
    where row_count > 1

)

select * from final

{% endtest %}
