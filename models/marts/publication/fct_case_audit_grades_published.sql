{#-
    fct_case_audit_grades with small numbers suppressed, for the report's audit chart and
    the published database, by the rules of fct_kpi_values_published with threshold
    t = var suppression_threshold (the audit KPIs are is_suppressed_when_small):

    * primary: an audit count greater than 0 and at most t;
    * secondary: within one month and theme, when exactly one grade is primary-suppressed,
      the smallest other grade is suppressed too, so the hidden count cannot be recovered
      as the theme's total (the case_audits KPI by audit_theme) minus the others (macro
      secondary_suppression, shared with the KPI values' suppression).

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

{{ secondary_suppression('flagged', ['period_month', 'audit_theme'], ['audit_count', 'grade']) }},

final as (

    select
        {%- for column in case_audit_grade_keys() %}
        {{ column }},
        {%- endfor %}
        {{ suppressed('audit_count') }} as audit_count,
        {{ suppression_flags() }}
    from decided

)

select * from final
