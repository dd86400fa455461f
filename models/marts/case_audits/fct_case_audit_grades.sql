{#
    Case audits per reporting month, theme group and grade: the counts behind the report's
    chart "grade distribution by theme over time". An audit counts in the month whose
    window (period_month to period_end, the extract date in the extract month) holds its
    audit date, as the case_audits KPI counts it; an ungraded audit is grade `unknown`, as
    in that KPI's grade breakdown. Only combinations with at least one audit have a row.
    Not suppressed: fct_case_audit_grades_published is what leaves the warehouse.
#}

with

audits as (select * from {{ ref('fct_case_audits') }}),

periods as (select * from {{ ref('dim_reporting_periods') }}),

audits_in_periods as (

    select
        periods.period_month,
        periods.period_end,
        audits.audit_theme,
        coalesce(audits.grade_code, 'unknown') as grade
    from audits
    inner join periods
        on
        audits.audit_date >= periods.period_month
        and audits.audit_date <= periods.period_end

),

final as (

    select
        {%- for column in case_audit_grade_keys() %}
        {{ column }},
        {%- endfor %}
        count(*) as audit_count
    from audits_in_periods
    group by {{ case_audit_grade_keys() | join(', ') }}

)

select * from final
