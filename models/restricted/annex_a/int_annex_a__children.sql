{#
    The common columns of the Annex A lists (docs/contracts/annex-a.md "Common columns"), one
    row per person of ssd_person, at R:
    - gender: pers_sex M, F, U (or blank), I as a) Male, b) Female, c) Not stated/recorded,
      d) Neither; another code is blank;
    - ethnicity: a) WBRI ... t) NOBT; blank or another code u) UNKNOWN;
    - date_of_birth: blank when unknown or after R (unborn at R); age_of_child_years: the age
      at R (kpis.md "Age at D"), blank without a date of birth;
    - has_disability: a) Yes with a disability row other than NONE in ssd_disability, else
      b) No (no rows is b) No, as the SSD SQL); the lists leave it blank when the file was not
      supplied;
    - uasc: a) Yes when a UASC row of ssd_immigration_status is open at some time in W12 (start
      on or before R, a blank start read as from before any record; end null or after
      R - 12 months), else b) No (lists 8 and 9; blank there without the file).
#}

with

persons as (select * from {{ ref('stg_ssd__persons') }}),

disabilities as (select * from {{ ref('stg_ssd__disabilities') }}),

immigration_statuses as (select * from {{ ref('stg_ssd__immigration_statuses') }}),

parameters as (select * from {{ ref('int_annex_a__parameters') }}),

uasc_in_w12 as (
    select distinct immigration_statuses.person_id
    from immigration_statuses
    cross join parameters
    where
        immigration_statuses.immigration_status_code = 'UASC'
        and {{ is_open_during(
            "coalesce(immigration_statuses.immigration_status_start_date, cast('1900-01-01' as date))",
            'immigration_statuses.immigration_status_end_date', 'parameters.w12_start', 'parameters.as_at_date'
        ) }}
),

disabled as (
    select distinct person_id
    from disabilities
    where coalesce(disability_code, '') <> 'NONE'
),

born as (
    select
        persons.person_id,
        persons.sex_code,
        persons.ethnicity_code,
        {{ annex_a_by_r('persons.birth_date') }} as date_of_birth,
        parameters.as_at_date
    from persons
    cross join parameters
),

final as (
    select
        born.person_id,
        {{ annex_a_label('gender', "coalesce(born.sex_code, 'U')") }} as gender,
        {{ annex_a_label('ethnicity', 'born.ethnicity_code', "'u) UNKNOWN'") }} as ethnicity,
        born.date_of_birth,
        {{ age_at('born.date_of_birth', 'born.as_at_date') }} as age_of_child_years,
        case when disabled.person_id is not null then 'a) Yes' else 'b) No' end as has_disability,
        case when uasc_in_w12.person_id is not null then 'a) Yes' else 'b) No' end as uasc
    from born
    left join disabled
        on born.person_id = disabled.person_id
    left join uasc_in_w12
        on born.person_id = uasc_in_w12.person_id
)

select * from final
