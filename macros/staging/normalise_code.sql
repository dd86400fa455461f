{#
    The matching form of a landing code (landing.md "Codes"): trimmed, upper case, spaces and
    hyphens turned into underscores. `Former Relevant` -> `FORMER_RELEVANT`.
#}
{% macro normalise_code(column) -%}
    replace(replace(upper({{ clean_text(column) }}), ' ', '_'), '-', '_')
{%- endmacro %}
