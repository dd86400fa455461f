{#
    kpis-inspection.md settled point "Review history in the extract": the first date a review
    file is taken to hold every review from. Var review_history_start when set, else the
    earliest review date of the file (`relation`, its `review_date` column). Returns a
    one-row select of `history_start_date`, for the CP and the CLA review chains.
#}
{% macro review_history_start(relation, review_date) -%}
    {%- set history_start = var('review_history_start') -%}
    {%- if history_start is not none -%}
    select cast('{{ history_start }}' as date) as history_start_date
    {%- else -%}
    select min({{ review_date }}) as history_start_date
    from {{ relation }}
    {%- endif %}
{%- endmacro %}
