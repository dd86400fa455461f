{#-
    Secondary suppression, the rule shared by the published KPI values
    (suppressed_kpi_values) and the published case-audit grades
    (fct_case_audit_grades_published): within a group of cells, when exactly one cell is
    primary-suppressed (a small number), the smallest other cell is suppressed too, so the
    hidden cell cannot be recovered as the group's total minus the others.

    Returns the CTEs `grouped` and `decided` (no trailing comma); `decided` has the columns
    of `cells` and is_secondary.
    - cells: the CTE of the cells, with the boolean column is_primary;
    - partition_by: the columns of a group, a list;
    - size_order: what orders a group's cells from the smallest, a list of SQL expressions
      (after the unsuppressed cells first; ties broken by the last);
    - eligible: an SQL condition a cell must meet to be suppressed secondarily ('true' by
      default; the KPI values: not the `all` row).
-#}
{% macro secondary_suppression(cells, partition_by, size_order, eligible='true') -%}
grouped as (

    select
        *,
        sum(case when is_primary then 1 else 0 end) over suppression_group as primary_in_group,
        count(*) over suppression_group as rows_in_group,
        row_number() over (
            partition by {{ partition_by | join(', ') }}
            order by is_primary, {{ size_order | join(', ') }}
        ) as size_rank
    from {{ cells }}
    window suppression_group as (partition by {{ partition_by | join(', ') }})

),

decided as (

    select
        *,
        (
            not is_primary
            and ({{ eligible }})
            and primary_in_group = 1
            and rows_in_group > 1
            and size_rank = 1
        ) as is_secondary
    from grouped

)
{%- endmacro %}

{#- `column`, null when the row is suppressed (primarily or secondarily). -#}
{% macro suppressed(column) -%}
    case when is_primary or is_secondary then null else {{ column }} end
{%- endmacro %}

{#- The columns is_suppressed and suppression_reason (small_number, secondary or null) of a
    published row, from is_primary and is_secondary. -#}
{% macro suppression_flags() -%}
    is_primary or is_secondary as is_suppressed,
        case
            when is_primary then 'small_number'
            when is_secondary then 'secondary'
        end as suppression_reason
{%- endmacro %}
