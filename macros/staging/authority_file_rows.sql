{#
    The rows of an authority file (docs/contracts/authority-files.md; `csc build` checks the
    file row by row before dbt runs): a select of `columns` over the file's rows, every value
    read as text (the alias source_rows), or, with no file (path empty), no rows with the same
    columns and types.
    - path: the file's path (a var), empty for none; on PostgreSQL the table csc build loaded
      the file into (`authority_files.<var>`, see postgres__authority_file_rows);
    - columns: a list of [name, data_type, expression], the expression over source_rows'
      text columns, e.g. ['target', 'double', 'cast(trim(target) as double)'].
    Dispatched: DuckDB reads the CSV with read_csv, PostgreSQL the table (add
    <adapter>__authority_file_rows for another engine). Used by stg_authority__benchmarks and
    stg_authority__kpi_targets.
#}
{% macro authority_file_rows(path, columns) -%}
    {{ return(adapter.dispatch('authority_file_rows')(path, columns)) }}
{%- endmacro %}

{% macro default__authority_file_rows(path, columns) -%}
    {%- if path %}
    {{ exceptions.raise_compiler_error("authority_file_rows: reading an authority file is implemented for DuckDB and PostgreSQL only; add a "
        ~ target.type ~ "__authority_file_rows macro") }}
    {%- endif %}
    {{ authority_file_no_rows(columns) }}
{%- endmacro %}

{% macro duckdb__authority_file_rows(path, columns) -%}
    {%- if path %}
    {{ authority_file_select(columns, "read_csv('" ~ (path | replace("'", "''")) ~ "', header = true, all_varchar = true)") }}
    {%- else %}
    {{ authority_file_no_rows(columns) }}
    {%- endif %}
{%- endmacro %}

{#-
    On PostgreSQL the server cannot read the file: `csc build --target postgres` loads it (text
    columns, as DuckDB's read_csv gives them) into the table authority_files.<var>, in the
    transaction that loads the landing tables, and gives dbt that table's name as the var.
-#}
{% macro postgres__authority_file_rows(path, columns) -%}
    {%- if path %}
    {%- if not modules.re.fullmatch('[a-z_][a-z0-9_]*[.][a-z_][a-z0-9_]*', path) %}
    {{ exceptions.raise_compiler_error("authority_file_rows: on PostgreSQL an authority file is read from the table csc build --target postgres loads it into (schema.table), not from "
        ~ path ~ "; give the file with csc build --benchmarks FILE or --targets FILE") }}
    {%- endif %}
    {%- set schema, table = path.split('.') %}
    {{ authority_file_select(columns, adapter.quote(schema) ~ "." ~ adapter.quote(table)) }}
    {%- else %}
    {{ authority_file_no_rows(columns) }}
    {%- endif %}
{%- endmacro %}

{#- The select of authority_file_rows' `columns` over `relation` (the file's rows, all text). -#}
{% macro authority_file_select(columns, relation) -%}
    select
        {%- for name, data_type, expression in columns %}
        {{ expression }} as {{ name }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ relation }} as source_rows
{%- endmacro %}

{#- No rows, with the columns and types of authority_file_rows' `columns`. -#}
{% macro authority_file_no_rows(columns) -%}
    select
        {%- for name, data_type, expression in columns %}
        cast(null as {{ data_type }}) as {{ name }}{{ "," if not loop.last }}
        {%- endfor %}
    where false
{%- endmacro %}
