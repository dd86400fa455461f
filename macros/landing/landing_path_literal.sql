{#
    A file path as a SQL string literal for DuckDB's file functions (read_csv, read_parquet,
    read_blob, glob), so that any character a folder name can hold reaches DuckDB as it is.

    Quotes are escaped with dbt's dispatched escape_single_quotes. DuckDB's file functions
    treat `*`, `?` and `[` as wildcards; in a path holding one of them each is written as a
    one-character class (`[*]`, `[?]`, `[[]`), which matches only that character, so
    `/data/[x]/f.csv` never reads `/data/x/f.csv`. A path without them is passed as it is
    (DuckDB then reads it literally, backslashes included). See landing_path_problem for the
    one path DuckDB cannot read.
    `pattern` (optional) is a wildcard pattern appended after the escaped path, e.g. `/*/`
    to list the folders in a folder.
#}
{% macro landing_path_literal(path, pattern='') -%}
    {%- set escaped = path -%}
    {%- if '*' in path or '?' in path or '[' in path -%}
        {%- set escaped = path | replace('[', '[[]') | replace('*', '[*]') | replace('?', '[?]') -%}
    {%- endif -%}
    {{ return(dbt.string_literal(dbt.escape_single_quotes(escaped ~ pattern))) }}
{%- endmacro %}
