{#
    The codes of a code-set column (landing-inspection.md "Code-set columns", the SSD `_json`
    columns), one row per (record, code): a select over the relation `relation` giving the
    `columns` listed, `raw_code` (the code as sent, trimmed, never blank) and `code_position`
    (1-based place in the set). The value may be
    - a JSON array of codes (`["1A","3B"]`; numbers read as text: `[21]` gives `21`);
    - a JSON object whose keys are codes: a key is selected when its value is not blank and is
      not a no-flag (`N`, `No`, `0`, `false`, any case), so `{"RETURNEV": "9"}` selects
      RETURNEV and `{"NFA_FLAG": "N"}` selects nothing;
    - plain text with codes separated by `,`, `;` or `|` (quotes around a code dropped).
    A value starting with `[` or `{` is read as JSON and must be an array or an object;
    one that is not (`[1A`, `{"a":1`) gives no rows, and is_code_set_readable is false for
    it (staging reports it). A blank value is the empty set. Normalising and mapping the codes
    is the staging model's (join_code_lookup on raw_code). DuckDB's JSON and list functions
    are kept here, dispatched.
#}
{% macro code_set_codes(relation, columns, code_set_column) -%}
    {{ return(adapter.dispatch('code_set_codes')(relation, columns, code_set_column)) }}
{%- endmacro %}

{% macro default__code_set_codes(relation, columns, code_set_column) -%}
    {{ exceptions.raise_compiler_error("code_set_codes: reading code sets is implemented for DuckDB only; add a "
        ~ target.type ~ "__code_set_codes macro") }}
{%- endmacro %}

{% macro duckdb__code_set_codes(relation, columns, code_set_column) -%}
    {%- set value = clean_text(code_set_column) -%}
    select
        {%- for column in columns %}
        code_sets.{{ column }},
        {%- endfor %}
        trim(code_set_items.raw_code, ' "' || chr(9)) as raw_code,
        code_set_items.code_position
    from {{ relation }} as code_sets,
        unnest(
            case
                when not ({{ is_code_set_readable(code_set_column) }}) then cast([] as varchar[])
                when left({{ value }}, 1) = '[' then json_extract_string(try_cast({{ value }} as json), '$[*]')
                when left({{ value }}, 1) = '{' then list_filter(
                    json_keys(try_cast({{ value }} as json)),
                    lambda code_key: coalesce(lower(trim(json_extract_string(try_cast({{ value }} as json),
                        '$."' || replace(code_key, '"', '\\"') || '"'))), '') not in ('', 'n', 'no', '0', 'false'))
                else string_split_regex({{ value }}, '[,;|]')
            end
        ) with ordinality as code_set_items (raw_code, code_position)
    where nullif(trim(code_set_items.raw_code, ' "' || chr(9)), '') is not null
{%- endmacro %}


{#- PostgreSQL: the same rules through json (not jsonb, which reorders keys) and the
    on-run-start function csc_try_json (create_portability_functions). -#}
{% macro postgres__code_set_codes(relation, columns, code_set_column) -%}
    {%- set value = clean_text(code_set_column) -%}
    {%- set parsed = target.schema ~ '.csc_try_json(' ~ value ~ ')' -%}
    select
        {% for column in columns -%} code_sets.{{ column }}, {% endfor -%}
        btrim(code_set_items.raw_code, ' "' || chr(9)) as raw_code,
        code_set_items.code_position
    from {{ relation }} as code_sets
    cross join lateral unnest(
        case
            when not ({{ is_code_set_readable(code_set_column) }}) then cast(array[] as text [])
            when left({{ value }}, 1) = '[' then array(select json_array_elements_text({{ parsed }}))
            when left({{ value }}, 1) = '{' then array(
                select code_keys.code_key
                from json_each_text({{ parsed }}) with ordinality as code_keys (code_key, code_value, key_position)
                where coalesce(lower(btrim(code_keys.code_value)), '') not in ('', 'n', 'no', '0', 'false')
                order by code_keys.key_position
            )
            else regexp_split_to_array({{ value }}, '[,;|]')
        end
    ) with ordinality as code_set_items (raw_code, code_position)
    where nullif(btrim(code_set_items.raw_code, ' "' || chr(9)), '') is not null
{%- endmacro %}


{#- Spark 4: the JSON through try_parse_json (a variant) and the list through posexplode. A
    variant keeps an object's keys sorted, so the codes of a JSON object come in key order here
    (code_position may differ from DuckDB's for objects of more than one selected key). -#}
{% macro spark__code_set_codes(relation, columns, code_set_column) -%}
    {%- set value = clean_text(code_set_column) -%}
    {%- set parsed = 'try_parse_json(' ~ value ~ ')' -%}
    {%- set strip = "concat(' \"', chr(9))" -%}
    select
        {% for column in columns -%} code_sets.{{ column }}, {% endfor -%}
        trim(both {{ strip }} from code_set_items.raw_code) as raw_code,
        code_set_items.code_index + 1 as code_position
    from {{ relation }} as code_sets
    lateral view posexplode(
        case
            when not ({{ is_code_set_readable(code_set_column) }}) then cast(array() as array<string>)
            when left({{ value }}, 1) = '[' then try_variant_get({{ parsed }}, '$', 'array<string>')
            when left({{ value }}, 1) = '{' then map_keys(map_filter(
                try_variant_get({{ parsed }}, '$', 'map<string, string>'),
                (code_key, code_value) -> coalesce(lower(trim(code_value)), '') not in ('', 'n', 'no', '0', 'false')))
            else split({{ value }}, '[,;|]')
        end
    ) code_set_items as code_index, raw_code
    where nullif(trim(both {{ strip }} from code_set_items.raw_code), '') is not null
{%- endmacro %}


{#
    False when a code-set value starts with `[` or `{` but is not a JSON array or object
    (code_set_codes gives it no codes); true otherwise; null when the value is blank. Dispatched.
#}
{% macro is_code_set_readable(code_set_column) -%}
    {{ return(adapter.dispatch('is_code_set_readable')(code_set_column)) }}
{%- endmacro %}

{% macro default__is_code_set_readable(code_set_column) -%}
    {{ exceptions.raise_compiler_error("is_code_set_readable: implemented for DuckDB only; add a "
        ~ target.type ~ "__is_code_set_readable macro") }}
{%- endmacro %}

{% macro duckdb__is_code_set_readable(code_set_column) -%}
    {%- set value = clean_text(code_set_column) -%}
    case
        when {{ value }} is null then null
        when left({{ value }}, 1) = '[' then coalesce(json_type(try_cast({{ value }} as json)) = 'ARRAY', false)
        when left({{ value }}, 1) = '{' then coalesce(json_type(try_cast({{ value }} as json)) = 'OBJECT', false)
        else true
    end
{%- endmacro %}

{% macro postgres__is_code_set_readable(code_set_column) -%}
    {%- set value = clean_text(code_set_column) -%}
    {%- set parsed = target.schema ~ '.csc_try_json(' ~ value ~ ')' -%}
    case
        when {{ value }} is null then null
        when left({{ value }}, 1) = '[' then coalesce(json_typeof({{ parsed }}) = 'array', false)
        when left({{ value }}, 1) = '{' then coalesce(json_typeof({{ parsed }}) = 'object', false)
        else true
    end
{%- endmacro %}

{% macro spark__is_code_set_readable(code_set_column) -%}
    {%- set value = clean_text(code_set_column) -%}
    case
        when {{ value }} is null then null
        when left({{ value }}, 1) = '[' then coalesce(schema_of_variant(try_parse_json({{ value }})) like 'ARRAY%', false)
        when left({{ value }}, 1) = '{' then coalesce(schema_of_variant(try_parse_json({{ value }})) like 'OBJECT%', false)
        else true
    end
{%- endmacro %}
