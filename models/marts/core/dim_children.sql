{#
    Children known to the service, under their pseudonymous key, with sex, ethnicity and date
    of death. No date of birth, names, NHS numbers or person ids: they stay in staging, and
    the intermediate models compute the ages the KPIs need at each period end from there.
#}
with persons as (select * from {{ ref('stg_ssd__persons') }}),

final as (
    select
        child_key,
        sex_code,
        ethnicity_code,
        death_date
    from persons
)

select * from final
