{{ config(materialized='table', schema='data_quality', tags=['data_quality', 'dfe_validation']) }}

-- Every rule the DfE engines ran, with the rows of the return tables it flagged (zero
-- included): one row per (ruleset, rule) and collection year.
with rules_run as (select * from {{ ref('base_dfe_validation__rules_run') }}),

findings as (select * from {{ ref('base_dfe_validation__findings') }}),

-- a finding is one (rule, table, row): those with a return_row are the records flagged, one
-- without is the return flagged as a whole
final as (
    select
        rules_run.ruleset,
        rules_run.collection_year,
        rules_run.rule_code,
        count(findings.return_row) as records,
        rules_run.message,
        rules_run.statutory_return,
        rules_run.rule_type,
        case when rules_run.rule_type = 'Query' then 'query' else 'error' end as severity,
        rules_run.validated_at,
        max(case when findings.rule_code is not null and findings.return_row is null then 1 else 0 end) = 1
            as is_return_level_flagged
    from rules_run
    -- a ruleset is one engine's (lac... or cin...), so it names the return too
    left join findings
        on rules_run.ruleset = findings.ruleset
        and rules_run.collection_year = findings.collection_year
        and rules_run.rule_code = findings.rule_code
    group by
        rules_run.ruleset, rules_run.collection_year, rules_run.rule_code, rules_run.message,
        rules_run.statutory_return, rules_run.rule_type, rules_run.validated_at
)

select * from final
