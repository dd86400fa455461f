with source as (select * from {{ ref('base_la__extract_manifest') }}),

typed as (
    select
        {{ clean_text('la_code') }} as la_code,
        {{ clean_text('la_name') }} as la_name,
        {{ parse_date('extract_date') }} as extract_date,
        {{ whole_number(parse_number('child_population')) }} as child_population,
        {{ parse_errors('la', 'extract_manifest') }} as parse_errors,
        landing_row_number
    from source
),

final as (
    select * from typed
)

select * from final
