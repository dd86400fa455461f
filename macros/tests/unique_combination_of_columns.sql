{#
    Fails for every combination of values of the given columns that occurs on
    more than one row; one failing row per duplicated combination, with its
    row_count. Nulls compare equal here (as in `group by`), so two rows with the
    same values and a null in the same column are duplicates; add not_null tests
    for key columns that must be filled.

    combination_of_columns: a list of column names (a single name is accepted). A name
    with upper-case letters (the returns' DfE names) is quoted, so it keeps its case on an
    engine that folds unquoted names to lower case (PostgreSQL).
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
{%- set quoted = [] -%}
{%- for column_name in combination_of_columns -%}
    {%- do quoted.append(adapter.quote(column_name) if column_name != column_name | lower else column_name) -%}
{%- endfor -%}
{%- set column_list = quoted | join(', ') -%}

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
