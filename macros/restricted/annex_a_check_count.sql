{#
    For the Annex A row-count tests (tests/dbt/restricted): the `expected` select of
    annex_a_row_count_check when a list counts one staging model's rows: the rows of `model`
    (aliased `alias`, beside check_dates) where `condition` holds, or with `distinct_column`
    its distinct non-null values of that column.
#}
{% macro annex_a_check_count(model, alias, condition, distinct_column=none) -%}
select
    {%- if distinct_column %} count(distinct {{ distinct_column }}) as expected_rows
    {%- else %} count(*) as expected_rows
    {%- endif %}
from {{ ref(model) }} as {{ alias }}
cross join check_dates
where {{ condition }}
{%- endmacro %}
