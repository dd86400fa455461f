{#
    The canonical code of a landing value in a code list, read from the code lookup row that
    join_code_lookup joined for the column (base_reference__code_lookup: codes and synonyms).
    A recognised value gives its canonical code; an unrecognised one is kept as it came
    (trimmed) so nothing is lost; null stays null. Pair it with `is_known_code` to flag
    unrecognised values.
#}
{% macro map_code(column) -%}
    coalesce({{ code_lookup_alias(column) }}.code, {{ clean_text(column) }})
{%- endmacro %}
