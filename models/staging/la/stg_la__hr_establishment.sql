with source as (select * from {{ ref('base_la__hr_establishment') }}),

typed as (
    select
        {{ parse_date('as_at_date') }} as as_at_date,
        {{ clean_text('role') }} as role,
        {{ clean_text('team_id') }} as team_id,
        {{ parse_number('budgeted_fte') }} as budgeted_fte,
        {{ parse_number('permanent_fte') }} as permanent_fte,
        {{ parse_number('fixed_term_fte') }} as fixed_term_fte,
        {{ parse_number('agency_fte') }} as agency_fte,
        {{ parse_number('vacancy_fte') }} as vacancy_fte,
        {{ parse_errors('la', 'hr_establishment') }} as parse_errors,
        landing_row_number
    from source
),

final as (
    select * from typed
)

select * from final
