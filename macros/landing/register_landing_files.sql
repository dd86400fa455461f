{#
    Makes the landing folder readable by the staging models.

    For every source table in schema `landing` (models/staging/_landing__sources.yml) it finds
    `<landing_dir>/<table>.csv` or `<table>.parquet`, checks the file against the source's
    column list (names matched case-insensitively; columns with meta.optional may be absent
    and read as null; extra columns are ignored), and creates the view
    `landing.<table>` with every listed column as text plus `landing_row_number` (1-based row
    of the file, in file order). All problems found are reported together and stop the run:
    a missing file, both a CSV and a Parquet file, a folder in a file's place, an empty file
    (0 bytes or only blank lines: a failed export), a CSV that is not UTF-8, not
    comma-separated, or has rows with more or fewer fields than its header, a `.parquet` file
    that is not Parquet or is cut short (landing_file_for), a missing required column, and a
    Parquet column whose type cannot hold the contract's text (landing_columns_as_text: ids
    that are not exact whole numbers, binary and nested columns). A header-only file is
    valid (zero rows) and logged as a warning.

    Optional files (landing-inspection.md "Files"; the table's `meta: {optional_file: true}`):
    a missing optional file is one notice, not an error, and its view is an empty view of the
    declared columns (zero rows, the same columns as a supplied file), so every model reading
    it builds and counts nothing. A supplied optional file is checked like any other. What was
    supplied is recorded in the view `landing_register.landing_files` (source
    `landing_register`, one row per declared landing table: landing_table, is_optional_file,
    is_supplied, absent_optional_columns), read by stg_la__landing_files: the KPIs of a file
    not supplied are left out, not shown as 0. A table with `meta: {headings_as_columns: true}`
    (annex_a_adopters) has headings for column names: they are matched with every run of
    characters other than letters and digits read as `_` (landing_file_columns).

    Runs as the project's on-run-start hook, for the commands that read the landing folder.
    CSVs are read with the header's own column list (no type or dialect sniffing), so what
    the check accepted is exactly what the views read. Paths reach SQL through
    landing_path_literal, so the folder may have any name (quotes, spaces, `*?[`, unicode).
    The reading itself is engine-specific and dispatched (DuckDB here).
#}
{% macro register_landing_files() -%}
    {{ return(adapter.dispatch('register_landing_files')()) }}
{%- endmacro %}


{% macro default__register_landing_files() -%}
    {{ exceptions.raise_compiler_error(
        "register_landing_files: reading a landing folder is implemented for DuckDB only; "
        ~ "on " ~ target.type ~ " load the landing tables into schema 'landing' instead.") }}
{%- endmacro %}


{#- PostgreSQL: nothing to register; the runner loads the checked landing rows into schema
    `landing` (and landing_register.landing_files) before dbt runs. -#}
{% macro postgres__register_landing_files() -%}
{%- endmacro %}


{#- Spark: the runner (csc.engines.spark) wrote the checked landing views as Parquet, one folder
    per table under $CSC_SPARK_DIR/landing/<schema>/<table>; each is registered here as a table
    of schema `landing` or `landing_register` (dropped first: the files are the runner's, a drop
    leaves them). Spark runs one statement per call, so they run here one by one. -#}
{% macro spark__register_landing_files() -%}
    {%- if not execute or flags.WHICH not in ['build', 'run', 'compile', 'show', 'retry'] -%}
        {{ return('') }}
    {%- endif -%}
    {%- set folder = env_var('CSC_SPARK_DIR', 'build/spark') ~ '/landing' -%}
    {%- for schema in ['landing', 'landing_register'] -%}
        {%- do run_query("create database if not exists " ~ schema) -%}
        {%- for src in graph.sources.values() | selectattr('schema', 'equalto', schema) | sort(attribute='identifier') -%}
            {%- do run_query("drop table if exists " ~ schema ~ "." ~ src.identifier) -%}
            {%- do run_query("create table " ~ schema ~ "." ~ src.identifier ~ " using parquet location "
                ~ dbt.string_literal(folder ~ "/" ~ schema ~ "/" ~ src.identifier)) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- do log("Landing tables registered on Spark from " ~ folder, info=true) -%}
    {{ return('') }}
{%- endmacro %}


{% macro duckdb__register_landing_files() -%}
    {%- if not execute or flags.WHICH not in ['build', 'run', 'compile', 'show', 'snapshot', 'freshness', 'source', 'retry'] -%}
        {{ return('') }}
    {%- endif -%}
    {%- set landing_dir = var('landing_dir') | string -%}
    {%- set landing_dir = landing_dir.rstrip('/') if landing_dir.rstrip('/') else landing_dir -%}
    {%- set sources = graph.sources.values() | selectattr('schema', 'equalto', 'landing') | sort(attribute='identifier') -%}
    {%- set errors = [] -%}
    {%- set views = [] -%}
    {%- do log("Reading landing folder " ~ landing_dir, info=true) -%}

    {%- set path_problem = landing_path_problem(landing_dir) -%}
    {%- if path_problem -%}
        {{ exceptions.raise_compiler_error("Landing folder " ~ landing_dir ~ " cannot be loaded:\n  - " ~ path_problem) }}
    {%- endif -%}

    {%- set register_rows = [] -%}
    {%- for src in sources -%}
        {%- set meta = landing_source_meta(src) -%}
        {%- set is_optional_file = meta.get('optional_file', false) -%}
        {%- set file_info = landing_file_for(landing_dir, src.identifier) -%}
        {%- if file_info.missing and is_optional_file -%}
            {%- set empty_list = [] -%}
            {%- for column_name in src.columns.keys() -%}
                {%- do empty_list.append("cast(null as varchar) as " ~ (column_name | lower)) -%}
            {%- endfor -%}
            {%- do views.append((src.identifier, empty_list, {'reader': '(select 1) as not_supplied where false',
                'row_number_expression': 'cast(null as bigint)'})) -%}
            {%- do register_rows.append((src.identifier, is_optional_file, false, none)) -%}
        {%- elif file_info.error -%}
            {%- do errors.append(file_info.error) -%}
        {%- else -%}
            {%- if file_info.warning -%}
                {%- do log("Warning: " ~ file_info.warning, info=true) -%}
            {%- endif -%}
            {%- set found = landing_file_columns(file_info, meta.get('headings_as_columns', false)) -%}
            {%- set wanted = {} -%}
            {%- set missing = [] -%}
            {%- set absent_optional = [] -%}
            {%- for column_name, column in src.columns.items() -%}
                {%- set name = column_name | lower -%}
                {%- if name in found -%}
                    {%- do wanted.update({name: found[name]}) -%}
                {%- elif not landing_column_is_optional(column) -%}
                    {%- do missing.append(name) -%}
                {%- else -%}
                    {%- do absent_optional.append(name) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- do register_rows.append((src.identifier, is_optional_file, true, absent_optional | join(',') or none)) -%}
            {%- set as_text = landing_columns_as_text(file_info, src.identifier, wanted) -%}
            {%- do errors.extend(as_text.errors) -%}
            {%- if missing -%}
                {%- do errors.append("landing file " ~ file_info.file_name ~ " is missing required column(s) "
                    ~ missing | join(', ') ~ " (columns found: " ~ (found.keys() | list | join(', ') | truncate(300, true, '...', 0) or 'none') ~ ")") -%}
            {%- elif not as_text.errors -%}
                {%- set select_list = [] -%}
                {%- for column_name in src.columns.keys() -%}
                    {%- set name = column_name | lower -%}
                    {%- do select_list.append("cast(" ~ (as_text.expressions[name] if name in wanted else "null")
                        ~ " as varchar) as " ~ name) -%}
                {%- endfor -%}
                {%- do views.append((src.identifier, select_list, file_info)) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}

    {%- set not_supplied = [] -%}
    {%- for identifier, is_optional_file, is_supplied, absent in register_rows if not is_supplied -%}
        {%- do not_supplied.append(identifier) -%}
    {%- endfor -%}
    {%- if not_supplied -%}
        {%- do log("Notice: optional landing file(s) not supplied: " ~ not_supplied | join(', ')
            ~ "; read as not supplied (no rows): their KPIs are left out and their Annex A columns blank", info=true) -%}
    {%- endif -%}

    {%- if errors -%}
        {{ exceptions.raise_compiler_error("Landing folder " ~ landing_dir ~ " cannot be loaded:\n  - " ~ errors | join("\n  - ")) }}
    {%- endif -%}

    {%- set statements = ["create schema if not exists landing"] -%}
    {%- for identifier, select_list, file_info in views -%}
        {%- do statements.append(
            "create or replace view landing." ~ identifier ~ " as\nselect\n    "
            ~ select_list | join(",\n    ")
            ~ ",\n    " ~ file_info.row_number_expression ~ " as landing_row_number\nfrom " ~ file_info.reader) -%}
    {%- endfor -%}
    {%- set register_values = [] -%}
    {%- set supplied = [] -%}
    {%- for identifier, is_optional_file, is_supplied, absent in register_rows -%}
        {%- if is_supplied %}{% do supplied.append(identifier) %}{% endif -%}
        {%- do register_values.append("(" ~ dbt.string_literal(identifier) ~ ", " ~ is_optional_file ~ ", " ~ is_supplied
            ~ ", " ~ (dbt.string_literal(absent) if absent else "cast(null as varchar)") ~ ")") -%}
    {%- endfor -%}
    {%- do statements.append("create schema if not exists landing_register") -%}
    {%- do statements.append(
        "create or replace view landing_register.landing_files as\nselect * from (values\n    "
        ~ register_values | join(",\n    ")
        ~ "\n) as landing_files (landing_table, is_optional_file, is_supplied, absent_optional_columns)") -%}
    {%- set supplied_count = supplied | length -%}
    {%- do log("Landing folder OK: " ~ supplied_count ~ " files registered"
        ~ ((", " ~ (views | length - supplied_count) ~ " optional file(s) not supplied") if views | length > supplied_count else ""), info=true) -%}
    {#- The hook runs the returned statements, so the views are committed with it. -#}
    {{ return(statements | join(";\n") ~ ";") }}
{%- endmacro %}

