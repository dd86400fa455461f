{{ config(materialized='table', schema='data_quality', tags=['data_quality']) }}

{#
    Nothing lost (issue 6): per landing table, the rows in the file, the rows staging kept
    and the rows quarantined. rows_in_file = rows_staged + rows_quarantined must hold for
    every table; the singular test assert_reconciliation_balances fails the build when it
    does not.
#}
{%- set tables = landing_table_keys() %}

with file_counts as (
    {%- for t in tables %}
    select
        '{{ t.table }}' as table_name,
        count(*) as rows_in_file
    from {{ source('ssd' if t.table.startswith('ssd_') else 'la', t.table) }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

staged_counts as (
    {%- for t in tables %}
    select
        '{{ t.table }}' as table_name,
        '{{ t.model }}' as staging_model,
        count(*) as rows_staged
    from {{ ref(t.model) }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

quarantine as (
    select * from {{ ref('dq_quarantine') }}
),

quarantined_counts as (
    select
        table_name,
        count(*) as rows_quarantined,
        count(case when reason = 'missing primary key' then 1 end) as rows_missing_key,
        count(case when reason = 'duplicate primary key' then 1 end) as rows_duplicate_key
    from quarantine
    group by table_name
),

final as (
    select
        file_counts.table_name,
        staged_counts.staging_model,
        file_counts.rows_in_file,
        staged_counts.rows_staged,
        coalesce(quarantined_counts.rows_quarantined, 0) as rows_quarantined,
        coalesce(quarantined_counts.rows_missing_key, 0) as rows_missing_key,
        coalesce(quarantined_counts.rows_duplicate_key, 0) as rows_duplicate_key,
        file_counts.rows_in_file = staged_counts.rows_staged + coalesce(quarantined_counts.rows_quarantined, 0) as is_balanced
    from file_counts
    inner join staged_counts
        on file_counts.table_name = staged_counts.table_name
    left join quarantined_counts
        on file_counts.table_name = quarantined_counts.table_name
)

select * from final
