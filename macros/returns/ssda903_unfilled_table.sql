{#
    The body of an SSDA903 return table the landing extract cannot fill (docs/contracts/
    returns.md "SSDA903"): no rows, and the columns of every return model - collection_year,
    return_row, the DfE's columns (return_columns, in the file's order; those named in
    date_columns are dates, the others text), child_key, landing_table,
    landing_row_number - so that csc returns writes a header-only file the DfE's tool
    accepts, and a later extract that holds the data replaces this with a real model.
#}
{% macro ssda903_unfilled_table(return_columns, date_columns=[]) -%}
with

return_years as (

    select * from {{ ref('int_return_years') }}

),

final as (

    select
        collection_year,
        cast(null as bigint) as return_row,
        {%- for column in return_columns %}
        cast(null as {{ 'date' if column in date_columns else dbt.type_string() }}) as "{{ column }}",
        {%- endfor %}
        cast(null as {{ dbt.type_string() }}) as child_key,
        cast(null as {{ dbt.type_string() }}) as landing_table,
        cast(null as bigint) as landing_row_number
    from return_years
    where false

)

select * from final
{%- endmacro %}
