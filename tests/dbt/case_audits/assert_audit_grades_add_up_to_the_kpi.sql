-- fct_case_audit_grades counts what the case_audits KPI counts (kpis-inspection.md "Case
-- audits"): per month, a theme's grades add up to the KPI's audit_theme row and a grade's
-- themes to its grade row. Returns each month and theme or grade where they differ.
with

grades as (select * from {{ ref('fct_case_audit_grades') }}),

kpi_values as (
    select * from {{ ref('fct_kpi_values') }}
    where kpi_id = 'case_audits' and breakdown in ('audit_theme', 'grade')
),

grade_totals as (
    select
        period_month,
        'audit_theme' as breakdown,
        audit_theme as breakdown_value,
        sum(audit_count) as audits
    from grades
    group by period_month, audit_theme
    union all
    select
        period_month,
        'grade' as breakdown,
        grade as breakdown_value,
        sum(audit_count) as audits
    from grades
    group by period_month, grade
),

final as (
    select
        coalesce(grade_totals.period_month, kpi_values.period_month) as period_month,
        coalesce(grade_totals.breakdown, kpi_values.breakdown) as breakdown,
        coalesce(grade_totals.breakdown_value, kpi_values.breakdown_value) as breakdown_value,
        grade_totals.audits,
        kpi_values.numerator
    from grade_totals
    full outer join kpi_values
        on
        grade_totals.period_month = kpi_values.period_month
        and grade_totals.breakdown = kpi_values.breakdown
        and grade_totals.breakdown_value = kpi_values.breakdown_value
    where coalesce(grade_totals.audits, 0) <> coalesce(kpi_values.numerator, 0)
)

select * from final
