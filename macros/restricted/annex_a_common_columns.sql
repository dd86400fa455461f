{#
    The common columns of Annex A lists 1-10 (docs/contracts/annex-a.md "Common columns"):
    Child Unique ID, Gender, Ethnicity, Date of Birth, Age of Child (Years) and, for lists 4-10
    (with_disability), Does the Child have a Disability. The caller left-joins
    int_annex_a__children as `children` on the row's person id (`person_id`, a SQL
    expression) and cross-joins int_annex_a__parameters as `parameters` (or names a relation
    with its column is_disability_supplied). A row whose person is
    not in ssd_person keeps its own person id, gender c) Not stated/recorded, ethnicity
    u) UNKNOWN, no date of birth or age, and b) No for disability; without
    ssd_disability the disability column is blank (rpt_annex_a__notes says why).
    List 10 puts Family identifier after Child Unique ID: the caller passes it as
    after_child_id (a select-list item).
#}
{% macro annex_a_common_columns(person_id, with_disability=true, after_child_id=none, parameters='parameters') -%}
    coalesce(children.person_id, {{ person_id }}) as child_unique_id,
    {%- if after_child_id %}
    {{ after_child_id }},
    {%- endif %}
    case when children.person_id is null then 'c) Not stated/recorded' else children.gender end as gender,
    coalesce(children.ethnicity, 'u) UNKNOWN') as ethnicity,
    children.date_of_birth,
    children.age_of_child_years
    {%- if with_disability %},
    case
        when {{ parameters }}.is_disability_supplied then coalesce(children.has_disability, 'b) No')
    end as has_disability
    {%- endif %}
{%- endmacro %}

