{#
    True when a landing value is a code (or synonym) of the code list joined for the column by
    join_code_lookup, false when it is not, null when the value is null.
#}
{% macro is_known_code(column) -%}
    case
        when {{ clean_text(column) }} is null then null
        else {{ code_lookup_alias(column) }}.code is not null
    end
{%- endmacro %}
