{#
    SSDA903 Header (docs/contracts/returns.md "SSDA903"): one row per child in the return -
    every child with an episode in the year (rpt_ssda903__episodes) and every care leaver of
    the OC3 cohort (a RELEVANT or FORMER_RELEVANT young person whose 17th to 21st birthday
    falls in the year: macro ssda903_in_oc3_cohort): the DfE's INT rules want every child
    of every table in the Header, once.

    SEX is the 903 code: 1 male, 2 female (M and F as recorded; any other value is kept as
    recorded so that the DfE's rule 101 names it). ETHNIC is the recorded code (the 903 and
    the SSD share the DfE ethnicity codes). UPN, MOTHER and MC_DOB are not in the landing
    extract and stay blank (meta unfilled).
#}
-- The DfE's column names are quoted so that they stay upper case on every engine (PostgreSQL
-- folds an unquoted name to lower case).
-- noqa: disable=RF06

with

return_years as (select * from {{ ref('int_return_years') }}),

persons as (select * from {{ ref('stg_ssd__persons') }}),

episodes as (select * from {{ ref('rpt_ssda903__episodes') }}),

care_leavers as (select * from {{ ref('stg_ssd__care_leavers') }}),

episode_children as (

    select distinct child_key
    from episodes

),

oc3_children as (

    select distinct care_leavers.child_key
    from care_leavers
    inner join persons
        on care_leavers.child_key = persons.child_key
    cross join return_years
    where {{ ssda903_in_oc3_cohort(
        'care_leavers.eligibility_code', 'care_leavers.extract_date', 'persons.birth_date',
        'return_years.as_at_date', 'return_years.year_end'
    ) }}

),

children as (

    select child_key from episode_children
    union
    select child_key from oc3_children

),

final as (

    select
        return_years.collection_year,
        row_number() over (order by persons.person_id) as return_row,
        persons.person_id as "CHILD",
        case
            when persons.sex_code = 'M' then '1'
            when persons.sex_code = 'F' then '2'
            else persons.sex_code
        end as "SEX",
        persons.birth_date as "DOB",
        persons.ethnicity_code as "ETHNIC",
        cast(null as {{ dbt.type_string() }}) as "UPN",
        cast(null as {{ dbt.type_string() }}) as "MOTHER",
        cast(null as date) as "MC_DOB",
        persons.child_key,
        'ssd_person' as landing_table,
        persons.landing_row_number
    from children
    inner join persons
        on children.child_key = persons.child_key
    cross join return_years

)

select * from final
