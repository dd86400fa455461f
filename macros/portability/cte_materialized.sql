{#
    The `materialized` of a CTE that must be computed once, before the query's filters read it
    (`name as {{ cte_materialized() }} (...)`): DuckDB and PostgreSQL take the keyword; Spark
    has no such hint (its CTE is a plain `name as (...)`), so it gives nothing. Dispatched.
#}
{% macro cte_materialized() -%}
    {{ return(adapter.dispatch('cte_materialized')()) }}
{%- endmacro %}

{% macro default__cte_materialized() -%}
    materialized
{%- endmacro %}

{% macro spark__cte_materialized() -%}
{%- endmacro %}
