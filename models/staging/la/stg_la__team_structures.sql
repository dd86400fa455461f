with source as (select * from {{ ref('base_la__team_structure') }}),

typed as (
    select
        {{ clean_text('team_id') }} as team_id,
        {{ clean_text('locality') }} as locality,
        {{ clean_text('service') }} as service,
        {{ parse_errors('la', 'team_structure') }} as parse_errors,
        landing_row_number
    from source
),

final as (
    {{ keep_first_per_key('typed', 'team_id') }}
)

select * from final
