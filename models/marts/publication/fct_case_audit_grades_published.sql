{#-
    fct_case_audit_grades with small numbers suppressed, for the report's audit chart and
    the published database, by the rules of fct_kpi_values_published with threshold
    t = var suppression_threshold (the audit KPIs are is_suppressed_when_small):

    * primary: an audit count greater than 0 and at most t;
    * secondary: within one month and theme, when exactly one grade is primary-suppressed,
      the smallest other grade is suppressed too, so the hidden count cannot be recovered
      as the theme's total (the case_audits KPI by audit_theme) minus the others.

    A suppressed row keeps its keys and has audit_count null.
-#}

with

grades as (select * from {{ ref('fct_case_audit_grades') }}),

flagged as (

    select
        *,
        {{ is_small_number('audit_count') }} as is_primary
    from grades

),

grouped as (

    select
        *,
        sum(case when is_primary then 1 else 0 end) over theme_month as primary_in_theme_month,
        count(*) over theme_month as grades_in_theme_month,
        row_number() over (
            partition by period_month, audit_theme
            order by is_primary, audit_count, grade
        ) as size_rank
    from flagged
    window theme_month as (partition by period_month, audit_theme)

),

decided as (

    select
        *,
        (
            not is_primary
            and primary_in_theme_month = 1
            and grades_in_theme_month > 1
            and size_rank = 1
        ) as is_secondary
    from grouped

),

final as (

    select
        period_month,
        period_end,
        audit_theme,
        grade,
        case when is_primary or is_secondary then null else audit_count end as audit_count,
        is_primary or is_secondary as is_suppressed,
        case
            when is_primary then 'small_number'
            when is_secondary then 'secondary'
        end as suppression_reason
    from decided

)

select * from final
