{#
    The columns of a landing file as a dict: lower-cased, trimmed name -> name as in the file.
    The names come from landing_file_for (a CSV's header, a Parquet file's schema).
    Called by register_landing_files.
#}
{% macro landing_file_columns(file_info) -%}
    {%- set columns = {} -%}
    {%- for name in file_info.columns -%}
        {%- do columns.update({name | trim | lower: name}) -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro %}
