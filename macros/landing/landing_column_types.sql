{#
    The landing columns of a source table that staging parses, by type, as declared once in
    the source YAML (_landing__sources.yml: a column's `meta: {landing_type: date|flag|number}`;
    landing.md "Dates", "Flags", "Numbers"): {'dates': [...], 'flags': [...], 'numbers': [...]},
    each in the YAML's column order. parse_errors lists the values its staging model could not
    read from them, and dq_rules__landing_contract classifies those entries by them.

    The types come from `graph.sources`, which dbt fills only after parsing: while parsing
    (execute false) the lists are empty, so a caller must not make a `ref` depend on them.
    dbt compiles a unit test without the project's graph: a unit test of a staging model gives
    the lists in `overrides: macros: landing_column_types` (test_landing_types checks them
    against the YAML); without them the compile stops saying so.
    A table missing from the sources, or a landing_type other than the three, is a compile
    error naming the table, the column and what to write.
#}
{% macro landing_column_types(source_name, table_name) -%}
    {%- set types = {'dates': [], 'flags': [], 'numbers': []} -%}
    {%- if execute -%}
        {%- if graph.get('sources') is none -%}
            {{ exceptions.raise_compiler_error(
                "landing_column_types: no project graph to read the landing types of " ~ source_name ~ "."
                ~ table_name ~ " from (dbt compiles a unit test without it); give them in the unit test:"
                ~ " overrides: macros: landing_column_types: {dates: [...], flags: [...], numbers: [...]},"
                ~ " as declared in models/staging/_landing__sources.yml (tests/python/test_landing_types.py"
                ~ " checks the two agree)") }}
        {%- endif -%}
        {%- set node = graph.sources.values() | selectattr('source_name', 'equalto', source_name)
            | selectattr('name', 'equalto', table_name) | first -%}
        {%- if node is not defined or node is none -%}
            {{ exceptions.raise_compiler_error(
                "landing_column_types: no table " ~ table_name ~ " in source " ~ source_name
                ~ " of models/staging/_landing__sources.yml; declare the table there (or correct the name)") }}
        {%- endif -%}
        {%- set lists = {'date': 'dates', 'flag': 'flags', 'number': 'numbers'} -%}
        {%- for column_name, column in node.columns.items() -%}
            {%- set landing_type = landing_column_meta(column).get('landing_type') -%}
            {%- if landing_type is not none -%}
                {%- if landing_type not in lists -%}
                    {{ exceptions.raise_compiler_error(
                        "models/staging/_landing__sources.yml: column " ~ column_name ~ " of " ~ source_name
                        ~ "." ~ table_name ~ " has landing_type '" ~ landing_type
                        ~ "'; write date, flag or number (or leave landing_type out for text)") }}
                {%- endif -%}
                {%- do types[lists[landing_type]].append(column_name | lower) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(types) }}
{%- endmacro %}
