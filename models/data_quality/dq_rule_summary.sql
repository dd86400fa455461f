{{ config(materialized='table', schema='data_quality', tags=['data_quality']) }}

{#
    One row per rule and table of the dq_rules seed, also when the rule found nothing:
    failures, rows checked (the rows staged for the table) and the failure rate.
#}

with rules as (select * from {{ ref('dq_rules') }}),

failures as (select * from {{ ref('dq_rule_failures') }}),

reconciliation as (select * from {{ ref('dq_reconciliation') }}),

failure_counts as (
    select
        rule_id,
        table_name,
        count(*) as failures,
        count(distinct coalesce(record_id, cast(landing_row_number as {{ dbt.type_string() }}))) as records_failing
    from failures
    group by rule_id, table_name
),

final as (
    select
        rules.rule_id,
        rules.severity,
        rules.table_name,
        coalesce(failure_counts.failures, 0) as failures,
        coalesce(failure_counts.records_failing, 0) as records_failing,
        coalesce(reconciliation.rows_staged, 0) as rows_checked,
        case
            when coalesce(reconciliation.rows_staged, 0) = 0 then cast(null as {{ type_double() }})
            else cast(coalesce(failure_counts.records_failing, 0) as {{ type_double() }}) / reconciliation.rows_staged
        end as failure_rate,
        rules.description
    from rules
    left join failure_counts
        on rules.rule_id = failure_counts.rule_id
        and rules.table_name = failure_counts.table_name
    left join reconciliation
        on rules.table_name = reconciliation.table_name
)

select * from final
