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

    {%- for src in sources -%}
        {%- set file_info = landing_file_for(landing_dir, src.identifier) -%}
        {%- if file_info.error -%}
            {%- do errors.append(file_info.error) -%}
        {%- else -%}
            {%- if file_info.warning -%}
                {%- do log("Warning: " ~ file_info.warning, info=true) -%}
            {%- endif -%}
            {%- set found = landing_file_columns(file_info) -%}
            {%- set wanted = {} -%}
            {%- set missing = [] -%}
            {%- for column_name, column in src.columns.items() -%}
                {%- set name = column_name | lower -%}
                {%- if name in found -%}
                    {%- do wanted.update({name: found[name]}) -%}
                {%- elif not landing_column_is_optional(column) -%}
                    {%- do missing.append(name) -%}
                {%- endif -%}
            {%- endfor -%}
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
    {%- do log("Landing folder OK: " ~ views | length ~ " files registered", info=true) -%}
    {#- The hook runs the returned statements, so the views are committed with it. -#}
    {{ return(statements | join(";\n") ~ ";") }}
{%- endmacro %}

