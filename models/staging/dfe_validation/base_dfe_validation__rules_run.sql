{{ config(materialized='view') }}

with source as (
    select * from {{ source('dfe_validation', 'rules_run') }}
),

final as (
    select
        return_name,
        collection_year,
        ruleset,
        rule_code,
        rule_type,
        message,
        validated_at,
    from source
)

select * from final
