{#
    The whole SQL of a mart whose rows and columns come unchanged from one intermediate model:
    that model's rows, with the mart's contracted columns (contracted_columns()). The mart's
    file then says only which model it publishes; its YAML contract says which columns.
#}
{% macro contracted_mart(model_name) %}
with

source_rows as (select * from {{ ref(model_name) }}),

final as (

    select
        {{ contracted_columns() }}
    from source_rows

)

select * from final
{% endmacro %}
