{{ config(materialized='table', schema='data_quality', tags=['data_quality']) }}

{#
    Every data-quality finding (issue 6): one row per rule, record and field, from the rule
    models of this folder, with the rule's severity from the dq_rules seed (error: the record
    is wrong and must be fixed before a return; query: it may be right but must be checked,
    the DfE `Q` convention). Findings never stop the build; see the README's severity policy.
#}

with findings as (
    select * from {{ ref('dq_rules__landing_contract') }}
    union all
    select * from {{ ref('dq_rules__cin') }}
    union all
    select * from {{ ref('dq_rules__ssda903') }}
    union all
    select * from {{ ref('dq_rules__workforce') }}
    union all
    select * from {{ ref('dq_rules__plausibility') }}
),

rules as (select * from {{ ref('dq_rules') }}),

final as (
    select
        findings.rule_id,
        rules.severity,
        findings.table_name,
        findings.record_id,
        findings.child_key,
        findings.landing_row_number,
        findings.field,
        findings.value,
        findings.message
    from findings
    left join rules
        on findings.rule_id = rules.rule_id
        and findings.table_name = rules.table_name
)

select * from final
