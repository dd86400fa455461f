{#
    One row per dated case audit (case_audits.csv, one row per audit and theme, after the
    de-duplication on audit_id of staging), as int_case_audits reads it: the theme group,
    the grade (null when ungraded or unrecognised), the activity and the team. Like the
    other facts it keeps the source's record id (audit_id) and the child as child_key
    only. The rules are int_case_audits'; this model only publishes its columns.
#}

with

audits as (select * from {{ ref('int_case_audits') }}),

final as (

    select
        cast(audit_id as {{ dbt.type_string() }}) as audit_id,
        cast(child_key as {{ dbt.type_string() }}) as child_key,
        cast(audit_date as date) as audit_date,
        cast({{ dbt.date_trunc('month', 'audit_date') }} as date) as audit_month,
        cast(audit_theme as {{ dbt.type_string() }}) as audit_theme,
        cast(case when is_graded then grade end as {{ dbt.type_string() }}) as grade_code,
        cast(is_graded as boolean) as is_graded,
        cast(is_good_or_better as boolean) as is_good_or_better,
        cast(audit_activity_code as {{ dbt.type_string() }}) as audit_activity_code,
        cast(is_in_activity_filter as boolean) as is_in_activity_filter,
        cast(team_id as {{ dbt.type_string() }}) as team_id,
        cast(locality as {{ dbt.type_string() }}) as locality,
        cast(service as {{ dbt.type_string() }}) as service
    from audits

)

select * from final
