{#
    Reads what landing_file_for needs from a `.parquet` landing file: first whether it is
    Parquet at all (the magic bytes `PAR1` at both ends and a footer that fits in the file; a
    file cut short loses its footer), then its columns and their types, and its row count.
    Returns the same dict as landing_file_for (`format` 'parquet'), or `error` naming the file.
    DuckDB only; called by landing_file_for.
#}
{% macro landing_parquet_file(path, file_name, size) -%}
    {%- set quoted = landing_path_literal(path) -%}
    {%- set footer = run_query(
        "select size >= 12 and content[1:4] = 'PAR1'::blob and content[-4:] = 'PAR1'::blob "
        ~ "and ('0x' || footer_hex[7:8] || footer_hex[5:6] || footer_hex[3:4] || footer_hex[1:2])::bigint + 12 <= size "
        ~ "from (select size, content, hex(content[-8:-5]) as footer_hex from read_blob(" ~ quoted ~ "))") -%}
    {%- if not footer.columns[0].values()[0] -%}
        {{ return({'error': "landing file " ~ file_name ~ " (" ~ size ~ " bytes) is not a readable Parquet file: "
            ~ "truncated or not Parquet; export it again"}) }}
    {%- endif -%}
    {%- set reader = "read_parquet(" ~ quoted ~ ", file_row_number = true)" -%}
    {%- set described = run_query("describe select * from read_parquet(" ~ quoted ~ ")") -%}
    {%- set columns = described.columns[0].values() | list -%}
    {%- set column_types = {} -%}
    {%- for name in columns -%}
        {%- do column_types.update({name: described.columns[1].values()[loop.index0] | upper}) -%}
    {%- endfor -%}
    {%- set row_count = run_query("select count(*) from read_parquet(" ~ quoted ~ ")").columns[0].values()[0] -%}
    {{ return({'file_name': file_name, 'path': path, 'format': 'parquet', 'columns': columns, 'column_types': column_types,
               'warning': ("landing file " ~ file_name ~ " has its columns and no rows; read as zero rows" if row_count == 0 else none),
               'reader': reader,
               'row_number_expression': 'file_row_number + 1'}) }}
{%- endmacro %}
