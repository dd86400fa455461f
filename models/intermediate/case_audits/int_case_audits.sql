{#
    One row per graded case audit (case_audits.csv, one row per audit and theme, after
    de-duplication on audit_id) dated, with what the audit KPIs break it down by
    (kpis-inspection.md "Case audits"):
    - audit_theme: a theme sent in several spellings is one group (its normalised form,
      `Voice of the child` = `VOICE_OF_THE_CHILD`), labelled by its first spelling in file
      order;
    - grade: OUTSTANDING, GOOD, REQUIRES_IMPROVEMENT or INADEQUATE (synonyms and the 1-4
      scale mapped in staging); an ungraded or unrecognised grade is `unknown`, kept in the
      audit count and left out of the grade KPI (and reported);
    - is_good_or_better: graded OUTSTANDING or GOOD;
    - locality and service: of the audit's team (team_id), through int_teams;
    - audit_activity_code: the audit activity as sent, normalised like a code (ROUTINE,
      PRACTICE_WEEK, ...);
    - is_in_activity_filter: var audit_activity_filter (null = every activity) compared with
      the audit activity, both normalised like a code; a null activity never matches a
      filter. The filter applies to audit_good_or_better only.
#}

{%- set activity_filter = var('audit_activity_filter') %}

with

audits as (select * from {{ ref('stg_la__case_audits') }}),

teams as (select * from {{ ref('int_teams') }}),

theme_labels_ranked as (

    select
        audit_theme_code,
        audit_theme,
        row_number() over (partition by audit_theme_code order by landing_row_number) as spelling_order
    from audits
    where audit_theme_code is not null

),

final as (

    select
        audits.audit_id,
        audits.child_key,
        audits.audit_date,
        coalesce(theme_labels.audit_theme, 'unknown') as audit_theme,
        case when audits.is_known_grade then audits.grade_code else 'unknown' end as grade,
        coalesce(audits.is_known_grade, false) as is_graded,
        coalesce(audits.is_known_grade and audits.grade_code in ('OUTSTANDING', 'GOOD'), false) as is_good_or_better,
        audits.audit_activity_code,
        {{ team_attributes('audits.team_id') }},
        {% if activity_filter is none -%}
        true
        {%- else -%}
        coalesce(audits.audit_activity_code = {{ normalise_code("'" ~ (activity_filter | replace("'", "''")) ~ "'") }}, false)
        {%- endif %} as is_in_activity_filter
    from audits
    left join theme_labels_ranked as theme_labels
        on
        audits.audit_theme_code = theme_labels.audit_theme_code
        and theme_labels.spelling_order = 1
    left join teams
        on audits.team_id = teams.team_id
    where audits.audit_date is not null

)

select * from final
