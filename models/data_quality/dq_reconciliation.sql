{{ config(materialized='table', schema='data_quality', tags=['data_quality']) }}

{#
    Nothing lost (issue 6): per landing table, the rows in the file and the rows quarantined
    (both from dq_landing_rows, which reads every landing row through the base models, the
    same rows as dq_quarantine) and the rows staging kept. rows_in_file = rows_staged +
    rows_quarantined must hold for every table; the singular test
    assert_reconciliation_balances fails the build when it does not. Every landing table has
    a row, with zeros for a header-only file or an optional file not supplied (is_supplied
    false, from stg_la__landing_files).
#}
{%- set tables = landing_table_keys() %}

with landing_rows as (select * from {{ ref('dq_landing_rows') }}),

landing_files as (select * from {{ ref('stg_la__landing_files') }}),

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

file_counts as (
    select
        table_name,
        count(*) as rows_in_file,
        count(quarantine_reason) as rows_quarantined,
        count(case when quarantine_reason = 'missing primary key' then 1 end) as rows_missing_key,
        count(case when quarantine_reason = 'duplicate primary key' then 1 end) as rows_duplicate_key
    from landing_rows
    group by table_name
),

final as (
    select
        staged_counts.table_name,
        staged_counts.staging_model,
        coalesce(landing_files.is_supplied, true) as is_supplied,
        coalesce(file_counts.rows_in_file, 0) as rows_in_file,
        staged_counts.rows_staged,
        coalesce(file_counts.rows_quarantined, 0) as rows_quarantined,
        coalesce(file_counts.rows_missing_key, 0) as rows_missing_key,
        coalesce(file_counts.rows_duplicate_key, 0) as rows_duplicate_key,
        coalesce(file_counts.rows_in_file, 0) = staged_counts.rows_staged + coalesce(file_counts.rows_quarantined, 0) as is_balanced
    from staged_counts
    left join file_counts
        on staged_counts.table_name = file_counts.table_name
    left join landing_files
        on staged_counts.table_name = landing_files.landing_table
)

select * from final
