{#
    The columns of a landing file as a dict: lower-cased, trimmed name -> name as in the file.
    The names come from landing_file_for (a CSV's header, a Parquet file's schema).
    headings=true (a table whose columns are headings, `meta: {headings_as_columns: true}`):
    every run of characters other than letters and digits is read as `_` and leading and
    trailing `_` dropped, so `Date Stage 1 started` matches `date_stage_1_started`.
    Called by register_landing_files.
#}
{% macro landing_file_columns(file_info, headings=false) -%}
    {%- set columns = {} -%}
    {%- for name in file_info.columns -%}
        {%- set matched = name | trim | lower -%}
        {%- if headings -%}
            {%- set matched = modules.re.sub('[^a-z0-9]+', '_', matched).strip('_') -%}
        {%- endif -%}
        {%- do columns.update({matched: name}) -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro %}
