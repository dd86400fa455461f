{#
    The rows of an authority file (docs/contracts/authority-files.md; `csc build` checks the
    file row by row before dbt runs): a select of `columns` over the CSV at `path`, every
    value read as text (the alias source_rows), or, with no file (path empty), no rows with
    the same columns and types.
    - path: the file's path (a var), empty for none;
    - columns: a list of [name, data_type, expression], the expression over source_rows'
      text columns, e.g. ['target', 'double', 'cast(trim(target) as double)'].
    Reading the CSV is DuckDB's read_csv, dispatched (add <adapter>__authority_file_rows for
    another engine). Used by stg_authority__benchmarks and stg_authority__kpi_targets.
#}
{% macro authority_file_rows(path, columns) -%}
    {{ return(adapter.dispatch('authority_file_rows')(path, columns)) }}
{%- endmacro %}

{% macro default__authority_file_rows(path, columns) -%}
    {%- if path %}
    {{ exceptions.raise_compiler_error("authority_file_rows: reading an authority file is implemented for DuckDB only; add a "
        ~ target.type ~ "__authority_file_rows macro") }}
    {%- endif %}
    {{ authority_file_no_rows(columns) }}
{%- endmacro %}

{% macro duckdb__authority_file_rows(path, columns) -%}
    {%- if path %}
    select
        {%- for name, data_type, expression in columns %}
        {{ expression }} as {{ name }}{{ "," if not loop.last }}
        {%- endfor %}
    from read_csv('{{ path | replace("'", "''") }}', header = true, all_varchar = true) as source_rows
    {%- else %}
    {{ authority_file_no_rows(columns) }}
    {%- endif %}
{%- endmacro %}

{#- No rows, with the columns and types of authority_file_rows' `columns`. -#}
{% macro authority_file_no_rows(columns) -%}
    select
        {%- for name, data_type, expression in columns %}
        cast(null as {{ data_type }}) as {{ name }}{{ "," if not loop.last }}
        {%- endfor %}
    where false
{%- endmacro %}
