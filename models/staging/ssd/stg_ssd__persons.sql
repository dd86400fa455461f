{#
    Plausibility of the date of birth (birth_date_implausibility; reported without showing
    the date by dq_rules__plausibility):
    - after the extract date: impossible, so birth_date is null and the child leaves every
      age-based population (kpis.md "Age at D": a child without a date of birth is left out;
      a negative age would otherwise count as "under 16"); csc_birth_date_after_extract;
    - more than var max_person_age_years (default 25) years before the extract date: may be
      right (a former care leaver's history), so it is a query and the date is still used
      (at that age the person is in no age-based population at the extract);
      csc_implausible_birth_date.
    recorded_birth_date keeps the date as read for the rules that compare it (csc_date_after_extract).
#}

with source as (select * from {{ ref('base_ssd__person') }}),

extract_manifest as (
    select max({{ parse_date('extract_date') }}) as extract_date
    from {{ ref('base_la__extract_manifest') }}
),

typed as (
    select
        {{ clean_text('pers_person_id') }} as person_id,
        {{ pseudonymise('pers_person_id') }} as child_key,
        {{ clean_text('pers_sex') }} as sex_code,
        {{ clean_text('pers_ethnicity') }} as ethnicity_code,
        {{ parse_date('pers_dob') }} as recorded_birth_date,
        {{ parse_date('pers_death_date') }} as death_date,
        {{ parse_date('pers_expected_dob') }} as expected_birth_date,
        {{ parse_errors('ssd', 'ssd_person') }} as parse_errors,
        source.landing_row_number
    from source
),

plausibility_checked as (
    select
        typed.*,
        case
            when typed.recorded_birth_date > extract_manifest.extract_date
                then 'after_extract_date'
            when typed.recorded_birth_date
                < {{ dbt.dateadd('year', '-' ~ var('max_person_age_years'), 'extract_manifest.extract_date') }}
                then 'more_than_{{ var('max_person_age_years') }}_years_before_extract_date'
        end as birth_date_implausibility
    from typed
    cross join extract_manifest
),

with_birth_date as (
    select
        person_id,
        child_key,
        sex_code,
        ethnicity_code,
        case
            when coalesce(birth_date_implausibility, '') <> 'after_extract_date' then recorded_birth_date
        end as birth_date,
        recorded_birth_date,
        birth_date_implausibility,
        death_date,
        expected_birth_date,
        parse_errors,
        landing_row_number
    from plausibility_checked
),

final as (
    {{ keep_first_per_key('with_birth_date', 'person_id') }}
)

select * from final
