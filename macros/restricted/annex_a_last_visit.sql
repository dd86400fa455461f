{#
    The latest visit (int_annex_a__visits, joined as `visits`) of each record of `records`
    (a CTE with person_id): one row per record_key with max(visit_date) as `column_name`, of
    the visits of the record's person meeting `visit_condition`, dated on or after the
    record's `start_date` and on or before `until_date` (SQL text: the record's end or R,
    whichever is first). Used by lists 6 and 8.
#}
{% macro annex_a_last_visit(records, record_key, start_date, until_date, visit_condition, column_name) -%}
    select
        {{ records }}.{{ record_key }},
        max(visits.visit_date) as {{ column_name }}
    from {{ records }}
    inner join visits
        on
        {{ records }}.person_id = visits.person_id
        and {{ visit_condition }}
        and {{ records }}.{{ start_date }} <= visits.visit_date
        and {{ until_date }} >= visits.visit_date
    group by {{ records }}.{{ record_key }}
{%- endmacro %}
