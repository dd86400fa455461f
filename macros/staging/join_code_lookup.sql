{#
    The join that maps one landing column through the code lookup (base_reference__code_lookup:
    codes and synonyms of each code list, in the matching form of normalise_code), written in
    the FROM clause of a staging model, once per coded column; `map_code`, `is_known_code` and
    `parse_flag` then read the joined row, aliased `<column>_lookup`. The lookup has one row
    per code list and matching form (its unique_combination_of_columns test), so the left
    join keeps every row exactly once; a value that matches nothing joins nothing.
    `relation` is the alias of the landing rows. The compiled SQL and the lineage show the
    join (no hidden subquery).
#}
{% macro join_code_lookup(column, code_list, relation='source') -%}
    left join {{ ref('base_reference__code_lookup') }} as {{ code_lookup_alias(column) }}
        on {{ code_lookup_alias(column) }}.code_list = '{{ code_list }}'
        and {{ code_lookup_alias(column) }}.lookup_key = {{ normalise_code(relation ~ '.' ~ column) }}
{%- endmacro %}


{#- join_code_lookup for each landing column of `codes` ({column: code list}), in order. -#}
{% macro join_code_lookups(codes, relation='source') -%}
    {%- for column, code_list in codes.items() %}
    {{ join_code_lookup(column, code_list, relation) }}
    {%- endfor %}
{%- endmacro %}


{#- The alias of a column's joined code lookup row (join_code_lookup). -#}
{% macro code_lookup_alias(column) -%}
    {{ return(column ~ '_lookup') }}
{%- endmacro %}
