{#
    The CIN census cohort rule of a module (assessments, CIN plans, section 47 enquiries,
    CP plans; docs/contracts/returns.md "CIN census", cohort rules), in one place: the rows
    of `relation` on a referral of the return (rpt_cin_census__cin_details, by referral_id)
    that started on or before the as-at date A and had not finished before 1 April S
    (finished on 31 March of the year before: out; on 1 April: in). `started` and
    `finished` are SQL expressions over the relation's columns; a null `finished` is not
    finished. Adds the episode's collection_year, LAchildID, CINdetailsID and return_row
    (as cin_details_row, to order the module in the file) and the year's year_start and
    as_at_date. Plain SQL.
#}
{% macro cin_census_modules_of_the_year(relation, started, finished, cin_details='cin_details', return_years='return_years') %}
    select
        {{ relation }}.*,
        {{ cin_details }}.collection_year,
        {{ cin_details }}."LAchildID",
        {{ cin_details }}."CINdetailsID",
        {{ cin_details }}.return_row as cin_details_row,
        {{ return_years }}.year_start,
        {{ return_years }}.as_at_date
    from {{ relation }}
    inner join {{ cin_details }}
        on {{ relation }}.referral_id = {{ cin_details }}.referral_id
    cross join {{ return_years }}
    where
        {{ started }} <= {{ return_years }}.as_at_date
        and ({{ finished }} is null or {{ finished }} >= {{ return_years }}.year_start)
{% endmacro %}
