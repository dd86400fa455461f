{#
    Finds the landing file of one table: `<dir>/<table>.csv` or `<dir>/<table>.parquet`.
    Returns a dict with `file_name`, `path`, `reader` (the DuckDB table function call that
    reads it as text), `row_number_expression`, `is_empty`, or `error` (a message naming the
    file) when there is no file or there are both. DuckDB only; called by
    register_landing_files.
#}
{% macro landing_file_for(landing_dir, identifier) -%}
    {%- set base = landing_dir ~ '/' ~ identifier -%}
    {%- set found = run_query(
        "select file from glob(" ~ dbt.string_literal(base ~ '.csv') ~ ") "
        ~ "union all select file from glob(" ~ dbt.string_literal(base ~ '.parquet') ~ ") order by 1") -%}
    {%- set paths = found.columns[0].values() | list -%}
    {%- if paths | length == 0 -%}
        {{ return({'error': "missing file " ~ identifier ~ ".csv (or " ~ identifier ~ ".parquet); a table with no rows is sent as a header-only file"}) }}
    {%- elif paths | length > 1 -%}
        {{ return({'error': "both " ~ identifier ~ ".csv and " ~ identifier ~ ".parquet are present; send one of them"}) }}
    {%- endif -%}
    {%- set path = paths[0] -%}
    {%- set quoted = dbt.string_literal(path) -%}
    {%- if path.endswith('.parquet') -%}
        {{ return({'file_name': identifier ~ '.parquet', 'path': path, 'is_empty': false,
                   'reader': "read_parquet(" ~ quoted ~ ", file_row_number = true)",
                   'row_number_expression': 'file_row_number + 1'}) }}
    {%- endif -%}
    {%- set size = run_query("select size from read_blob(" ~ quoted ~ ")").columns[0].values()[0] -%}
    {%- if size == 0 -%}
        {%- do log("Warning: landing file " ~ identifier ~ ".csv is empty (0 bytes); read as zero rows", info=true) -%}
    {%- endif -%}
    {{ return({'file_name': identifier ~ '.csv', 'path': path, 'is_empty': size == 0,
               'reader': "read_csv(" ~ quoted ~ ", header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"')",
               'row_number_expression': 'row_number() over ()'}) }}
{%- endmacro %}
