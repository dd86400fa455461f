{#
    ISO day of the week of a date expression: 1 = Monday ... 7 = Sunday.

    `extract(isodow from ...)` works on DuckDB and Postgres (the default). An
    engine without it (Spark: `extract(dayofweek_iso from ...)`) needs its own
    `<adapter>__iso_day_of_week` implementation here.
#}
{% macro iso_day_of_week(date_expression) -%}
    {{ return(adapter.dispatch('iso_day_of_week')(date_expression)) }}
{%- endmacro %}


{% macro default__iso_day_of_week(date_expression) -%}
    cast(extract(isodow from {{ date_expression }}) as integer)
{%- endmacro %}

{% macro spark__iso_day_of_week(date_expression) -%}
    cast(extract(dayofweek_iso from {{ date_expression }}) as integer)
{%- endmacro %}
