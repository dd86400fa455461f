-- The HR establishment return summed per as_at_date and role (a role's rows are summed across
-- teams; a null FTE adds nothing). Role is the role as recorded (trimmed), `unknown` when
-- blank. Rows without an as_at_date are left out. next_as_at_date is the following return:
-- this return applies to period ends in [as_at_date, next_as_at_date).
-- A row with any FTE below 0 or above var max_establishment_fte_per_row (default 1000) is
-- left out of every sum of its return (a budgeted FTE of -5 is not summed into the
-- establishment): the row's FTEs describe one team and role together, and keeping its other
-- columns would pair its vacancies with other rows' budget. csc_fte_out_of_range reports it.

{%- set fte_columns = ['budgeted_fte', 'permanent_fte', 'fixed_term_fte', 'agency_fte', 'vacancy_fte'] %}

with

hr_rows as (

    select * from {{ ref('stg_la__hr_establishment') }}
    where as_at_date is not null
        {%- for column in fte_columns %}
        and coalesce({{ column }} between 0 and {{ var('max_establishment_fte_per_row') }}, true)
        {%- endfor %}

),

by_role as (

    select
        as_at_date,
        coalesce(role, 'unknown') as role,
        count(*) as hr_row_count,
        coalesce({{ exact_sum('budgeted_fte') }}, 0) as budgeted_fte,
        coalesce({{ exact_sum('permanent_fte') }}, 0) as permanent_fte,
        coalesce({{ exact_sum('fixed_term_fte') }}, 0) as fixed_term_fte,
        coalesce({{ exact_sum('agency_fte') }}, 0) as agency_fte,
        coalesce({{ exact_sum('vacancy_fte') }}, 0) as vacancy_fte
    from hr_rows
    group by as_at_date, coalesce(role, 'unknown')

),

return_dates as (

    select distinct as_at_date from by_role

),

return_sequence as (

    select
        as_at_date,
        lead(as_at_date) over (order by as_at_date) as next_as_at_date
    from return_dates

),

final as (

    select
        by_role.as_at_date,
        return_sequence.next_as_at_date,
        by_role.role,
        by_role.hr_row_count,
        by_role.budgeted_fte,
        by_role.permanent_fte,
        by_role.fixed_term_fte,
        by_role.agency_fte,
        by_role.vacancy_fte
    from by_role
    inner join return_sequence
        on by_role.as_at_date = return_sequence.as_at_date

)

select * from final
