{#
    The columns of a landing file as a dict: lower-cased, trimmed name -> name as in the file.
    An empty (0-byte) CSV has no columns. DuckDB only; called by register_landing_files.
#}
{% macro landing_file_columns(file_info) -%}
    {%- set columns = {} -%}
    {%- if not file_info.is_empty -%}
        {%- set described = run_query("describe select * from " ~ file_info.reader) -%}
        {%- for name in described.columns[0].values() -%}
            {%- do columns.update({name | trim | lower: name}) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(columns) }}
{%- endmacro %}
