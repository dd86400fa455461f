{#
    Graded case audits (landing-inspection.md "case_audits.csv"), one row per audit and theme.
    audit_theme is shown as sent (trimmed); audit_theme_code is its normalised form, which
    groups spellings (`Voice of the child` -> VOICE_OF_THE_CHILD). A null or unknown grade is
    kept (is_known_grade null or false), reported, and left out of the grade KPIs.
#}
with source as (select * from {{ ref('base_la__case_audits') }}),

typed as (
    select
        {{ clean_text('audit_id') }} as audit_id,
        {{ clean_text('person_id') }} as person_id,
        {{ pseudonymise('person_id') }} as child_key,
        {{ parse_date('audit_date') }} as audit_date,
        {{ clean_text('audit_theme') }} as audit_theme,
        {{ normalise_code('audit_theme') }} as audit_theme_code,
        {{ map_code('grade') }} as grade_code,
        {{ is_known_code('grade') }} as is_known_grade,
        {{ clean_text('team_id') }} as team_id,
        {{ clean_text('auditor_role') }} as auditor_role,
        {{ normalise_code('audit_activity') }} as audit_activity_code,
        {{ parse_errors('la', 'case_audits') }} as parse_errors,
        source.landing_row_number
    from source
    {{ join_code_lookups({'grade': 'audit_grade'}) }}
),

final as (
    {{ keep_first_per_key('typed', 'audit_id') }}
)

select * from final
