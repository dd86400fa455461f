{{ config(materialized='table', schema='data_quality', tags=['data_quality', 'dfe_validation']) }}

-- What the DfE's rule engines found in the return files (README "Validating a return"): one row
-- per (return, year, rule, return table, row of the file), traced to the child's pseudonymous
-- key and the landing row. The child's own id stays in the restricted files.
with findings as (
    select * from {{ ref('base_dfe_validation__findings') }}
),

final as (
    select
        return_name,
        collection_year,
        ruleset,
        rule_code,
        rule_type,
        case when rule_type = 'Query' then 'query' else 'error' end as severity,
        message,
        return_table,
        engine_table,
        return_row,
        child_key,
        landing_table,
        landing_row_number,
        fields,
        validated_at,
    from findings
)

select * from final
