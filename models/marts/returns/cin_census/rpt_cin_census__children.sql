{#
    The children of the CIN census (docs/contracts/returns.md "CIN census"): one row per
    child with at least one CINdetails row of the year, in file order (by LAchildID), with
    the ChildIdentifiers and ChildCharacteristics modules.

    - LAchildID is the authority's person id; PersonBirthDate and PersonDeathDate are the
      recorded dates when they fall on or before the as-at date A (a date after A is not yet
      known at A: a child born after A was unborn then, and its expected date is not held).
    - Gender: the DfE's GenderCurrent until 2023-24 (1 male, 2 female, 0 not known), Sex
      from 2024-25 (M, F, U); the landing's U is "not known". A value the code lists do not
      have is left empty, so that the DfE's rule 4180 names the child to fix.
    - UPN, FormerUPN, UPNunknown, ExpectedPersonBirthDate and the Disabilities module are
      not in the landing data (meta unfilled): empty, never invented.
#}
-- The DfE's element names are case-sensitive: quoted, so every engine keeps their case.
-- noqa: disable=RF06

{% set sex_from_year = 2024 %}

with

return_years as (select * from {{ ref('int_return_years') }}),

persons as (select * from {{ ref('stg_ssd__persons') }}),

cin_details as (select * from {{ ref('rpt_cin_census__cin_details') }}),

in_return as (
    select distinct "LAchildID" as person_id
    from cin_details
),

final as (
    select
        return_years.collection_year,
        row_number() over (order by persons.person_id) as return_row,
        persons.person_id as "LAchildID",
        cast(null as {{ dbt.type_string() }}) as "UPN",
        cast(null as {{ dbt.type_string() }}) as "FormerUPN",
        cast(null as {{ dbt.type_string() }}) as "UPNunknown",
        case when persons.birth_date <= return_years.as_at_date then persons.birth_date end as "PersonBirthDate",
        cast(null as date) as "ExpectedPersonBirthDate",
        case
            when extract(year from return_years.year_start) >= {{ sex_from_year }} then null
            when persons.sex_code = 'M' then '1'
            when persons.sex_code = 'F' then '2'
            when persons.sex_code = 'U' then '0'
        end as "GenderCurrent",
        case
            when extract(year from return_years.year_start) < {{ sex_from_year }} then null
            when persons.sex_code in ('M', 'F', 'U') then persons.sex_code
        end as "Sex",
        case when persons.death_date <= return_years.as_at_date then persons.death_date end as "PersonDeathDate",
        persons.ethnicity_code as "Ethnicity",
        persons.child_key,
        'ssd_person' as landing_table,
        persons.landing_row_number
    from persons
    inner join in_return
        on persons.person_id = in_return.person_id
    cross join return_years
)

select * from final
