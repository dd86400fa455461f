{#
    The canonical code of a landing value in a code list, through the code lookup
    (stg_reference__code_lookup: codes and synonyms). A recognised value gives its canonical
    code; an unrecognised one is kept as it came (trimmed) so nothing is lost; null stays null.
    Pair it with `is_known_code` to flag unrecognised values.
#}
{% macro map_code(column, code_list) -%}
    coalesce(
        (
            select code_lookup.code
            from {{ ref('stg_reference__code_lookup') }} as code_lookup
            where code_lookup.code_list = '{{ code_list }}'
                and code_lookup.lookup_key = {{ normalise_code(column) }}
        ),
        {{ clean_text(column) }}
    )
{%- endmacro %}
