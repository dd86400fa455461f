with source as (
    select * from {{ source('ssd', 'ssd_person') }}
),

typed as (
    select
        {{ clean_text('pers_person_id') }} as person_id,
        {{ pseudonymise('pers_person_id') }} as child_key,
        {{ clean_text('pers_sex') }} as sex_code,
        {{ clean_text('pers_ethnicity') }} as ethnicity_code,
        {{ parse_date('pers_dob') }} as birth_date,
        {{ parse_date('pers_death_date') }} as death_date,
        {{ parse_errors(dates=['pers_dob', 'pers_death_date'], flags=[], numbers=[]) }} as parse_errors,
        landing_row_number
    from source
),

final as (
    {{ keep_first_per_key('typed', 'person_id') }}
)

select * from final
