-- Workforce KPIs (kpis.md, "Workforce") for every reporting period.
-- caseload_average: involvements open at P held by social workers / the FTE of the social
-- workers holding at least one; by the service of the worker's own team.
-- HR KPIs: the return whose as_at_date is the greatest on or before P (no return: sums of 0),
-- by role and in total. vacancy_rate, permanent_rate and agency_rate divide by budgeted FTE
-- (the report's formulas); agency_rate_dfe and vacancy_rate_dfe use the national formulas.

with

reporting_periods as (

    select period_month, period_end from {{ ref('dim_reporting_periods') }}

),

caseloads as (

    select * from {{ ref('int_workforce_caseloads_at_period') }}

),

hr_returns as (

    select * from {{ ref('int_workforce_hr_returns') }}

),

caseloads_by_breakdown as (

    select period_end, 'all' as breakdown, 'all' as breakdown_value, open_involvement_count, fte
    from caseloads
    union all
    select period_end, 'service', service, open_involvement_count, fte
    from caseloads

),

caseload_rows as (

    select
        'caseload_average' as kpi_id,
        period_end,
        breakdown,
        breakdown_value,
        cast(sum(open_involvement_count) as double) as numerator,
        {{ exact_sum('fte') }} as denominator
    from caseloads_by_breakdown
    group by period_end, breakdown, breakdown_value

),

hr_at_period as (

    select
        reporting_periods.period_end,
        hr_returns.role,
        hr_returns.budgeted_fte,
        hr_returns.permanent_fte,
        hr_returns.fixed_term_fte,
        hr_returns.agency_fte,
        hr_returns.vacancy_fte
    from hr_returns
    inner join reporting_periods
        on hr_returns.as_at_date <= reporting_periods.period_end
        and coalesce(hr_returns.next_as_at_date, cast('9999-12-31' as date)) > reporting_periods.period_end

),

hr_by_breakdown as (

    select
        period_end,
        'all' as breakdown,
        'all' as breakdown_value,
        {{ exact_sum('budgeted_fte') }} as budgeted_fte,
        {{ exact_sum('permanent_fte') }} as permanent_fte,
        {{ exact_sum('fixed_term_fte') }} as fixed_term_fte,
        {{ exact_sum('agency_fte') }} as agency_fte,
        {{ exact_sum('vacancy_fte') }} as vacancy_fte
    from hr_at_period
    group by period_end
    union all
    select
        period_end,
        'role' as breakdown,
        role as breakdown_value,
        budgeted_fte,
        permanent_fte,
        fixed_term_fte,
        agency_fte,
        vacancy_fte
    from hr_at_period

),

hr_rows as (

    select 'establishment_fte' as kpi_id, period_end, breakdown, breakdown_value,
        budgeted_fte as numerator, cast(null as double) as denominator
    from hr_by_breakdown
    union all
    select 'vacancy_rate', period_end, breakdown, breakdown_value,
        vacancy_fte, budgeted_fte
    from hr_by_breakdown
    union all
    select 'permanent_rate', period_end, breakdown, breakdown_value,
        permanent_fte, budgeted_fte
    from hr_by_breakdown
    union all
    select 'agency_rate', period_end, breakdown, breakdown_value,
        agency_fte, budgeted_fte
    from hr_by_breakdown
    union all
    select 'agency_rate_dfe', period_end, breakdown, breakdown_value,
        agency_fte, agency_fte + permanent_fte + fixed_term_fte
    from hr_by_breakdown
    where breakdown = 'all'
    union all
    select 'vacancy_rate_dfe', period_end, breakdown, breakdown_value,
        vacancy_fte, vacancy_fte + permanent_fte + fixed_term_fte
    from hr_by_breakdown
    where breakdown = 'all'

),

kpi_values as (

    select kpi_id, period_end, breakdown, breakdown_value,
        cast(numerator as double) as numerator, cast(denominator as double) as denominator
    from caseload_rows
    union all
    select kpi_id, period_end, breakdown, breakdown_value,
        cast(numerator as double) as numerator, cast(denominator as double) as denominator
    from hr_rows

),

kpi_ids as (

    select 'caseload_average' as kpi_id, 'ratio' as kpi_unit
    union all select 'establishment_fte', 'count'
    union all select 'vacancy_rate', 'percent'
    union all select 'permanent_rate', 'percent'
    union all select 'agency_rate', 'percent'
    union all select 'agency_rate_dfe', 'percent'
    union all select 'vacancy_rate_dfe', 'percent'

),

-- empty populations: no social worker holding a case, or no HR return on or before P
missing_all_rows as (

    select
        kpi_ids.kpi_id,
        reporting_periods.period_end,
        'all' as breakdown,
        'all' as breakdown_value,
        cast(0 as double) as numerator,
        case when kpi_ids.kpi_unit = 'count' then cast(null as double) else cast(0 as double) end
            as denominator
    from reporting_periods
    cross join kpi_ids
    where not exists (
        select 1 from kpi_values
        where kpi_values.kpi_id = kpi_ids.kpi_id
            and kpi_values.period_end = reporting_periods.period_end
            and kpi_values.breakdown = 'all'
    )

),

combined as (

    select * from kpi_values
    union all
    select * from missing_all_rows

),

final as (

    select
        combined.kpi_id,
        reporting_periods.period_month,
        combined.period_end,
        combined.breakdown,
        combined.breakdown_value,
        combined.numerator,
        combined.denominator
    from combined
    inner join reporting_periods
        on combined.period_end = reporting_periods.period_end

)

select * from final
