{#
    The text of capture group `group` of the first match of the regular expression `pattern`
    (a SQL string literal) in `expression`, or '' when it does not match (null for null), as DuckDB's
    regexp_extract gives; PostgreSQL through regexp_match. Dispatched.
#}
{% macro regexp_group(expression, pattern, group) -%}
    {{ return(adapter.dispatch('regexp_group')(expression, pattern, group)) }}
{%- endmacro %}

{% macro default__regexp_group(expression, pattern, group) -%}
    regexp_extract({{ expression }}, {{ pattern }}, {{ group }})
{%- endmacro %}

{% macro postgres__regexp_group(expression, pattern, group) -%}
    case
        when ({{ expression }}) is not null
            then coalesce((regexp_match({{ expression }}, {{ pattern }}))[{{ group }}], '')
    end
{%- endmacro %}

{#- Spark: regexp_extract gives '' for no match as DuckDB does; a pattern literal is made a raw
    string (Spark's strings read `\` as an escape). -#}
{% macro spark__regexp_group(expression, pattern, group) -%}
    regexp_extract({{ expression }}, {{ 'r' ~ pattern if pattern.startswith("'") else pattern }}, {{ group }})
{%- endmacro %}
