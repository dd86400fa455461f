{#
    True when a landing value is a code (or synonym) of the code list, false when it is not,
    null when the value is null.
#}
{% macro is_known_code(column, code_list) -%}
    case
        when {{ clean_text(column) }} is null then null
        else exists (
            select 1
            from {{ ref('stg_reference__code_lookup') }} as code_lookup
            where code_lookup.code_list = '{{ code_list }}'
                and code_lookup.lookup_key = {{ normalise_code(column) }}
        )
    end
{%- endmacro %}
