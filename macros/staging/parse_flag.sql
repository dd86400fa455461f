{#
    A landing Y/N flag as a boolean (landing.md "Flags"): Y, Yes, 1, true -> true;
    N, No, 0, false -> false (any case, through the `flag` code list and its synonyms, joined
    for the column by `join_code_lookup(column, 'flag')`); null or anything else -> null,
    which KPIs count as not set. Unrecognised values are reported through `parse_errors`.
#}
{% macro parse_flag(column) -%}
    case {{ map_code(column) }}
        when 'Y' then true
        when 'N' then false
    end
{%- endmacro %}
