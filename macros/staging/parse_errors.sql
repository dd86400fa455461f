{#
    One text column listing the values of a row that could not be read, for data-quality
    reporting: `<landing column>: '<value>'` joined with '; ', or null when the row is clean.
    The columns are those of the landing table (source_name, table_name) whose source YAML
    declares a landing_type (landing_column_types): its dates (parse_date), then its flags
    (parse_flag), then its numbers (parse_number), each in the YAML's column order. A null
    value is never an error here.
#}
{% macro parse_errors(source_name, table_name) -%}
    {%- set types = landing_column_types(source_name, table_name) -%}
    {%- set checks = [] -%}
    {%- for column in types.dates -%}
        {%- do checks.append((column, parse_date(column))) -%}
    {%- endfor -%}
    {%- for column in types.flags -%}
        {%- do checks.append((column, parse_flag(column))) -%}
    {%- endfor -%}
    {%- for column in types.numbers -%}
        {%- do checks.append((column, parse_number(column))) -%}
    {%- endfor -%}
    {%- if checks | length == 0 -%}
        cast(null as {{ dbt.type_string() }})
    {%- else -%}
    nullif(concat_ws('; ',
        {%- for column, parsed in checks %}
        case
            when {{ clean_text(column) }} is not null and ({{ parsed }}) is null
                then '{{ column }}: ''' || {{ clean_text(column) }} || ''''
        end{{ ',' if not loop.last }}
        {%- endfor %}
    ), '')
    {%- endif -%}
{%- endmacro %}
