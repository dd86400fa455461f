{#
    One text column listing the values of a row that could not be read, for data-quality
    reporting: `<landing column>: '<value>'` joined with '; ', or null when the row is clean.
    Arguments are lists of landing column names: dates (parse_date), flags (parse_flag) and
    numbers (parse_number). A null value is never an error here.
#}
{% macro parse_errors(dates=[], flags=[], numbers=[]) -%}
    {%- set checks = [] -%}
    {%- for column in dates -%}
        {%- do checks.append((column, parse_date(column))) -%}
    {%- endfor -%}
    {%- for column in flags -%}
        {%- do checks.append((column, parse_flag(column))) -%}
    {%- endfor -%}
    {%- for column in numbers -%}
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
