{#
    The columns (or whole lists) of Annex A left blank in this build, and why
    (docs/contracts/annex-a.md "Left blank when the extract lacks it"): one row per blank
    column, heading null for a whole list. csc annex-a writes them to annex_a_notes.csv and
    the workbook's README sheet. Headings are exactly the seed annex_a_headings' (csc annex-a
    refuses one that is not).
#}
{% set disability_lists = ['list_04_assessments', 'list_05_s47_icpc', 'list_06_cin', 'list_07_cp',
                           'list_08_cla', 'list_09_care_leavers', 'list_10_adoption'] %}
{% set notes = [
    ('list_01_contacts', none, 'not parameters.is_contacts_supplied',
     'ssd_contacts is not in the extract: the list is header-only'),
    ('list_02_early_help', none, 'not parameters.is_early_help_supplied',
     'ssd_early_help_episodes is not in the extract: the list is header-only'),
    ('list_07_cp', 'Date of latest review conference', 'not parameters.is_cp_reviews_supplied',
     'ssd_cp_reviews is not in the extract'),
    ('list_08_cla', 'Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)',
     'not parameters.is_immigration_status_supplied', 'ssd_immigration_status is not in the extract'),
    ('list_08_cla', 'Date of Latest Statutory Review', 'not parameters.is_cla_reviews_supplied',
     'ssd_cla_reviews is not in the extract'),
    ('list_08_cla', 'What is the permanence plan for this child?', 'not parameters.is_cla_care_plan_supplied',
     'ssd_cla_care_plan is not in the extract'),
    ('list_08_cla', 'Date of Last IRO Visit / Contact to the Child', 'not parameters.has_iro_contact_column',
     'clae_cla_last_iro_contact_date is not in ssd_cla_episodes'),
    ('list_08_cla', "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
     'not parameters.is_missing_supplied', 'ssd_missing is not in the extract'),
    ('list_08_cla', "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
     'not parameters.is_missing_supplied', 'ssd_missing is not in the extract'),
    ('list_08_cla', 'Was the child offered a Return Interview after their last missing episode (Y/N)?',
     'not parameters.is_missing_supplied', 'ssd_missing is not in the extract'),
    ('list_08_cla', 'Did the child accept a Return Interview after their last missing episode (Y/N)?',
     'not parameters.is_missing_supplied', 'ssd_missing is not in the extract'),
    ('list_08_cla', 'Placement Location', 'not parameters.has_placement_la_column',
     'clap_cla_placement_la is not in ssd_cla_placement'),
    ('list_08_cla', 'LA of Placement', 'not parameters.has_placement_la_column',
     'clap_cla_placement_la is not in ssd_cla_placement'),
    ('list_08_cla', 'Placement postcode', 'true',
     'the placement postcode never leaves staging (annex_a_restricted_fields = true is refused)'),
    ('list_09_care_leavers', 'Allocated Personal Advisor', 'true',
     "the personal adviser's name never leaves staging"),
    ('list_09_care_leavers', 'Unaccompanied Asylum Seeking Child (UASC) (Y/N)',
     'not parameters.is_immigration_status_supplied', 'ssd_immigration_status is not in the extract'),
    ('list_10_adoption', none, 'not parameters.is_permanence_supplied',
     'ssd_permanence is not in the extract: the list is header-only'),
    ('list_10_adoption', 'Family identifier', 'true',
     'the SSD holds no adoptive-family identifier'),
    ('list_11_adopters', none, 'not parameters.is_adopters_supplied',
     'annex_a_adopters.csv is not in the extract (the SSD does not hold adopters): the list is header-only'),
] %}
{% for list_name in disability_lists %}
    {% do notes.append((list_name, 'Does the Child have a Disability', 'not parameters.is_disability_supplied',
                        'ssd_disability is not in the extract')) %}
{% endfor %}

with

parameters as (select * from {{ ref('int_annex_a__parameters') }}),

final as (
    {%- for list_name, heading, condition, reason in notes %}
    select
        '{{ list_name }}' as list_name,
        {% if heading is none %}cast(null as {{ dbt.type_string() }}){% else %}'{{ heading | replace("'", "''") }}'{% endif %} as heading,
        '{{ reason | replace("'", "''") }}' as reason
    from parameters
    where {{ condition }}
    {{ 'union all' if not loop.last }}
    {%- endfor %}
)

select * from final
