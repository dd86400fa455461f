{#
    For the Annex A row-count tests (tests/dbt/restricted): the person ids of the care leavers
    of List 9 counted straight from staging, a select of one column person_id: the
    stg_ssd__care_leavers rows of the latest extract on or before R (check_dates.as_at_date)
    with eligibility RELEVANT, FORMER_RELEVANT, QUALIFYING or ELIGIBLE.
#}
{% macro annex_a_check_care_leavers() -%}
    select care_leavers.person_id
    from {{ ref('stg_ssd__care_leavers') }} as care_leavers
    cross join check_dates
    where
        care_leavers.person_id is not null
        and care_leavers.eligibility_code in ('RELEVANT', 'FORMER_RELEVANT', 'QUALIFYING', 'ELIGIBLE')
        and care_leavers.extract_date = (
            select max(latest.extract_date)
            from {{ ref('stg_ssd__care_leavers') }} as latest
            where latest.extract_date <= check_dates.as_at_date
        )
{%- endmacro %}
