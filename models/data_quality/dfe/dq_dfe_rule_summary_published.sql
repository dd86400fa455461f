{{ config(materialized='table', schema='data_quality', tags=['data_quality', 'dfe_validation']) }}

{#-
    dq_dfe_rule_summary with small counts suppressed, for the published database and the
    report: a count of flagged records greater than 0 and at most var suppression_threshold is
    null, and is_suppressed is true (as dq_rule_summary_published). Record-level findings
    (dq_dfe_findings) never leave the warehouse.
-#}

with rule_summary as (select * from {{ ref('dq_dfe_rule_summary') }}),

final as (
    select
        statutory_return,
        collection_year,
        ruleset,
        rule_code,
        severity,
        message,
        case when {{ is_small_number('records') }} then null else records end as records,
        {{ is_small_number('records') }} as is_suppressed
    from rule_summary
)

select * from final
