{#
    A code table of a landing table's code-set column (landing-inspection.md "Code-set
    columns"): one row per record and code, for the records kept on their id (the first row
    per id, keep_first_per_key); a code repeated in one set is one row; a record with an
    empty set has no row. The code is mapped through the code lookup `code_set`
    (join_code_lookups), and unknown codes are kept with is_known_<code_set> false.

    Returns a select of <id_name>, person_id, child_key (pseudonymised person),
    <code_set>_code, is_known_<code_set> and landing_row_number (of the record's kept row).
    - relation: the base model's CTE (every landing row, landing_row_number);
    - id_column, person_column, code_set_column: its landing columns;
    - id_name: the record id's staged name, e.g. 'contact_id';
    - code_set: the code lookup's list, e.g. 'contact_outcome'.
    Used by stg_ssd__contact_outcome_codes and stg_ssd__cla_care_plan_codes.
#}
{% macro code_set_table(relation, id_column, id_name, person_column, code_set_column, code_set) -%}
    select distinct
        codes.{{ id_name }},
        codes.person_id,
        codes.child_key,
        {{ map_code('raw_code') }} as {{ code_set }}_code,
        {{ is_known_code('raw_code') }} as is_known_{{ code_set }},
        codes.landing_row_number
    from (
        with records as (
            select
                {{ clean_text(id_column) }} as {{ id_name }},
                {{ clean_text(person_column) }} as person_id,
                {{ pseudonymise(person_column) }} as child_key,
                {{ code_set_column }},
                landing_row_number
            from {{ relation }}
        ),

        kept_records as (
            {{ keep_first_per_key('records', id_name) }}
        )

        {{ code_set_codes('kept_records', [id_name, 'person_id', 'child_key', 'landing_row_number'], code_set_column) }}
    ) as codes
    {{ join_code_lookups({'raw_code': code_set}, relation='codes') }}
{%- endmacro %}
