{#-
    dq_rule_summary with small failure counts suppressed, for the published database and the
    report: a failure count greater than 0 and at most var suppression_threshold, and its
    failure rate, are null, and is_suppressed is true. Record-level detail never leaves the
    warehouse (dq_rule_failures is not published).
-#}

with

rule_summary as (select * from {{ ref('dq_rule_summary') }}),

flagged as (

    select
        rule_id,
        severity,
        table_name,
        failures,
        rows_checked,
        failure_rate,
        {{ is_small_number('failures') }} as is_suppressed
    from rule_summary

),

final as (

    select
        rule_id,
        severity,
        table_name,
        case when is_suppressed then null else failures end as failures,
        rows_checked,
        case when is_suppressed then null else failure_rate end as failure_rate,
        is_suppressed
    from flagged

)

select * from final
