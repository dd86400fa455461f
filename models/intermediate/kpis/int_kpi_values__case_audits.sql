{#
    Case audit KPIs of kpis-inspection.md (see _int_kpis__marts_two.yml): every audit dated
    in the window (int_case_audits) is a unit of `case_audits` (graded or not: an ungraded
    audit shows as grade `unknown`), and every graded audit of the activity filter dated in
    the rolling 6 months of `audit_good_or_better` is a unit of it. A local measure with no
    national figure.
#}
{%- set breakdowns = ['audit_theme', 'grade', 'locality'] %}

with

{{ kpi_periods('case_audits') }},

audits as (select * from {{ ref('int_case_audits') }}),

audits_in_windows as (

    {{ kpi_rows('audits', ['case_audits', 'audit_good_or_better'], 'audit_date') }}

),

units as (

    {{ kpi_units(
        'audits_in_windows', breakdowns,
        numerator="case when kpi_id = 'audit_good_or_better' and not is_good_or_better then 0 else 1 end",
        values={'audit_theme': 'audit_theme', 'grade': 'grade', 'locality': 'locality'}
    ) }}
    -- audit_good_or_better: graded audits of the activity filter only
    where kpi_id = 'case_audits' or (is_graded and is_in_activity_filter)

),

{{ kpi_values_from_units(breakdowns) }}

select * from final
