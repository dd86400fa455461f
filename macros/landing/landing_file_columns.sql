{#
    The columns of a landing file as a dict: lower-cased, trimmed name -> name as in the file.
    A CSV's columns come from its header (landing_file_for); an empty (0-byte) CSV has none.
    DuckDB only; called by register_landing_files.
#}
{% macro landing_file_columns(file_info) -%}
    {%- set columns = {} -%}
    {%- if file_info.is_empty -%}
        {{ return(columns) }}
    {%- endif -%}
    {%- if file_info.columns is defined and file_info.columns is not none -%}
        {%- set names = file_info.columns -%}
    {%- else -%}
        {%- set names = run_query("describe select * from " ~ file_info.reader).columns[0].values() -%}
    {%- endif -%}
    {%- for name in names -%}
        {%- do columns.update({name | trim | lower: name}) -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro %}
