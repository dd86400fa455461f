{#
    The key of a row of fct_case_audit_grades and fct_case_audit_grades_published, in order:
    one row per reporting month, theme and grade. Both models select these columns first
    from this list.
#}
{% macro case_audit_grade_keys() -%}
    {{ return(['period_month', 'period_end', 'audit_theme', 'grade']) }}
{%- endmacro %}
