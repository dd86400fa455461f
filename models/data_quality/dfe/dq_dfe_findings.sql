{{ config(materialized='table', schema='data_quality', tags=['data_quality', 'dfe_validation']) }}

-- What the DfE's rule engines found in the return files (README "Validating a return"): one row
-- per (return, year, rule, return table, row of the file), traced to the child's pseudonymous
-- key and the landing row. The child's own id stays in the restricted files.
with findings as (select * from {{ ref('base_dfe_validation__findings') }}),

final as (
    select
        findings.*,
        case when findings.rule_type = 'Query' then 'query' else 'error' end as severity
    from findings
)

select * from final
