{#
    Children known to the service, under their pseudonymous key. Sex, ethnicity and date of
    birth only: names, NHS numbers and other identifiers stay out of this and every other
    model. The person id stays in staging.
#}
with persons as (
    select * from {{ ref('stg_ssd__persons') }}
),

final as (
    select
        child_key,
        sex_code,
        ethnicity_code,
        birth_date,
        death_date
    from persons
)

select * from final
