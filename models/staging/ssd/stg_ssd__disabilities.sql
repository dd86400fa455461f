{#- One row per child per disability code. disa_person_id is not required to be unique. -#}
with source as (select * from {{ ref('base_ssd__disability') }}),

typed as (
    select
        {{ clean_text('disa_table_id') }} as disability_id,
        {{ clean_text('disa_person_id') }} as person_id,
        {{ pseudonymise('disa_person_id') }} as child_key,
        {{ map_code('disa_disability_code') }} as disability_code,
        {{ is_known_code('disa_disability_code') }} as is_known_disability,
        {{ parse_errors('ssd', 'ssd_disability') }} as parse_errors,
        source.landing_row_number
    from source
    {{ join_code_lookups({'disa_disability_code': 'disability'}) }}
),

final as (
    {{ keep_first_per_key('typed', 'disability_id') }}
)

select * from final
