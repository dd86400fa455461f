-- One row per HR establishment return (as_at_date) and role, summed across teams.

with

hr_returns as (select * from {{ ref('int_workforce_hr_returns') }}),

final as (

    select
        as_at_date,
        role,
        next_as_at_date,
        hr_row_count,
        budgeted_fte,
        permanent_fte,
        fixed_term_fte,
        agency_fte,
        vacancy_fte
    from hr_returns

)

select * from final
