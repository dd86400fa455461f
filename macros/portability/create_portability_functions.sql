{#
    The SQL functions another engine needs that DuckDB has built in, created by the project's
    on-run-start hook: on PostgreSQL csc_try_json(text), the text as json or null when it is
    not JSON (DuckDB's try_cast(... as json); PostgreSQL 15 has no cast that cannot fail).
    Nothing on DuckDB. Dispatched.
#}
{% macro create_portability_functions() -%}
    {{ return(adapter.dispatch('create_portability_functions')()) }}
{%- endmacro %}

{% macro default__create_portability_functions() -%}
{%- endmacro %}

{% macro postgres__create_portability_functions() -%}
    {%- if execute %}
    create schema if not exists {{ target.schema }};
    create or replace function {{ target.schema }}.csc_try_json(value text) returns json
    language plpgsql immutable as $function$
    begin
        return value::json;
    exception when others then
        return null;
    end
    $function$
    {%- endif %}
{%- endmacro %}
