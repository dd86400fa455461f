{{ config(materialized='table', schema='data_quality', tags=['data_quality', 'dfe_validation']) }}

-- Every rule the DfE engines ran, with the rows of the return tables it flagged (zero
-- included): one row per (ruleset, rule) and collection year.
with rules_run as (
    select * from {{ ref('base_dfe_validation__rules_run') }}
),

findings as (
    select * from {{ ref('base_dfe_validation__findings') }}
),

flagged_per_rule as (
    select
        return_name,
        collection_year,
        ruleset,
        rule_code,
        -- a finding is one (rule, table, row): its rows with a return_row are the records flagged
        count(return_row) as records,
        max(case when return_row is null then 1 else 0 end) = 1 as is_return_level_flagged,
    from findings
    group by return_name, collection_year, ruleset, rule_code
),

final as (
    select
        rules_run.ruleset,
        rules_run.collection_year,
        rules_run.rule_code,
        coalesce(flagged_per_rule.records, 0) as records,
        rules_run.message,
        rules_run.return_name,
        rules_run.rule_type,
        case when rules_run.rule_type = 'Query' then 'query' else 'error' end as severity,
        coalesce(flagged_per_rule.is_return_level_flagged, false) as is_return_level_flagged,
        rules_run.validated_at,
    from rules_run
    left join flagged_per_rule
        on rules_run.return_name = flagged_per_rule.return_name
        and rules_run.collection_year = flagged_per_rule.collection_year
        and rules_run.ruleset = flagged_per_rule.ruleset
        and rules_run.rule_code = flagged_per_rule.rule_code
)

select * from final
