{{ config(materialized='view') }}

with source as (
    select * from {{ source('dfe_validation', 'findings') }}
),

final as (
    select
        return_name,
        collection_year,
        ruleset,
        rule_code,
        rule_type,
        message,
        engine_table,
        return_table,
        return_row,
        child_key,
        landing_table,
        landing_row_number,
        fields,
        validated_at,
    from source
)

select * from final
