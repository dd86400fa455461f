{#
    Landing columns whose values identify a person: the person ids, date of birth, names,
    NHS number (common child id), placement postcode, personal adviser and professional
    names. Their values never leave staging: a data-quality finding on one of them names the
    field and the record (child_key, landing_row_number) but not the value.
#}
{% macro identifying_fields() -%}
    {%- set fields = ['pers_dob', 'pers_forename', 'pers_surname', 'pers_common_child_id',
        'clap_cla_placement_postcode', 'clea_care_leaver_personal_advisor', 'prof_professional_name'] %}
    {%- for t in landing_table_keys() if t.person and t.person not in fields %}
        {%- do fields.append(t.person) %}
    {%- endfor %}
    {{- return(fields) }}
{%- endmacro %}
