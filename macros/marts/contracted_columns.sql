{#
    The select list of a mart with an enforced contract: every column of the model's YAML,
    in its order, cast to its declared data_type (in the target's spelling: target_type). The
    contract is then the one place a column's name and type are written; the model's SQL says
    only where the rows come from.
#}
{% macro contracted_columns() %}
    {%- set columns = model.columns.values() | list -%}
    {%- if execute and columns | selectattr('data_type', 'none') | list -%}
        {{ exceptions.raise_compiler_error(
            "contracted_columns() in " ~ model.name ~ ": every column of its YAML needs a data_type") }}
    {%- endif -%}
    {%- for column in columns %}
        cast({{ column.name }} as {{ target_type(column.data_type) }}) as {{ column.name }}{{ "," if not loop.last }}
    {%- endfor %}
{% endmacro %}
