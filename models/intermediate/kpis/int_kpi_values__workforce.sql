-- sqlfluff:ignore:parsing
-- (sqlfluff's DuckDB dialect cannot parse `group by grouping sets`; the rest of the file is linted)
-- Workforce KPIs (kpis.md, "Workforce") for every reporting period.
-- caseload_average: involvements open at P held by social workers / the FTE of the social
-- workers holding at least one; by the service of the worker's own team.
-- HR KPIs: the return whose as_at_date is the greatest on or before P (no return: sums of 0),
-- by role and in total. vacancy_rate, permanent_rate and agency_rate divide by budgeted FTE
-- (the report's formulas); agency_rate_dfe and vacancy_rate_dfe use the national formulas.
-- FTEs are summed exactly (exact_sum) per breakdown value here, so the units handed to
-- kpi_values_from_units are already broken down (one row per KPI, period and breakdown value).

with

{{ kpi_periods('workforce') }},

caseloads as (select * from {{ ref('int_workforce_caseloads_at_period') }}),

hr_returns as (select * from {{ ref('int_workforce_hr_returns') }}),

caseload_rows as (

    -- summed over all social workers holding a case and by service
    select
        'caseload_average' as kpi_id,
        period_end,
        case when grouping(service) = 1 then 'all' else 'service' end as breakdown,
        case when grouping(service) = 1 then 'all' else service end as breakdown_value,
        cast(sum(open_involvement_count) as {{ type_double() }}) as numerator,
        {{ exact_sum('fte') }} as denominator
    from caseloads
    group by grouping sets ((period_end), (period_end, service))

),

hr_at_period as (

    select
        periods.period_end,
        hr_returns.role,
        hr_returns.budgeted_fte,
        hr_returns.permanent_fte,
        hr_returns.fixed_term_fte,
        hr_returns.agency_fte,
        hr_returns.vacancy_fte
    from hr_returns
    inner join periods
        on {{ is_open_at('hr_returns.as_at_date', 'hr_returns.next_as_at_date', 'periods.period_end') }}

),

hr_by_breakdown as (

    -- summed over the roles of the return and by role (one row a role)
    select
        period_end,
        case when grouping(role) = 1 then 'all' else 'role' end as breakdown,
        case when grouping(role) = 1 then 'all' else role end as breakdown_value,
        {{ exact_sum('budgeted_fte') }} as budgeted_fte,
        {{ exact_sum('permanent_fte') }} as permanent_fte,
        {{ exact_sum('fixed_term_fte') }} as fixed_term_fte,
        {{ exact_sum('agency_fte') }} as agency_fte,
        {{ exact_sum('vacancy_fte') }} as vacancy_fte
    from hr_at_period
    group by grouping sets ((period_end), (period_end, role))

),

-- each return total and role, once for each HR KPI
hr_in_kpis as (

    {{ kpi_rows('hr_by_breakdown', [
        'establishment_fte',
        'vacancy_rate',
        'permanent_rate',
        'agency_rate',
        'agency_rate_dfe',
        'vacancy_rate_dfe',
    ]) }}

),

units as (

    select * from caseload_rows

    union all

    select
        kpi_id,
        period_end,
        breakdown,
        breakdown_value,
        case kpi_id
            when 'establishment_fte' then budgeted_fte
            when 'permanent_rate' then permanent_fte
            when 'agency_rate' then agency_fte
            when 'agency_rate_dfe' then agency_fte
            when 'vacancy_rate' then vacancy_fte
            when 'vacancy_rate_dfe' then vacancy_fte
        end as numerator,
        case kpi_id
            when 'agency_rate_dfe' then agency_fte + permanent_fte + fixed_term_fte
            when 'vacancy_rate_dfe' then vacancy_fte + permanent_fte + fixed_term_fte
            else budgeted_fte
        end as denominator
    from hr_in_kpis

),

-- empty populations (no social worker holding a case, no HR return on or before P) get
-- their `all` rows from the scaffold
{{ kpi_values_from_units(none) }}

select * from final
