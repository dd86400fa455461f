{{ config(materialized='table', schema='data_quality', tags=['data_quality']) }}

{#
    Nothing lost (issue 6): per landing table, the rows in the file and the rows quarantined
    (both from dq_landing_rows, which reads every landing row through the base models, the
    same rows as dq_quarantine) and the rows staging kept. rows_in_file = rows_staged +
    rows_quarantined must hold for every table; the singular test
    assert_reconciliation_balances fails the build when it does not.
#}
{%- set tables = landing_table_keys() %}

with landing_rows as (select * from {{ ref('dq_landing_rows') }}),

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
        file_counts.table_name,
        staged_counts.staging_model,
        file_counts.rows_in_file,
        staged_counts.rows_staged,
        file_counts.rows_quarantined,
        file_counts.rows_missing_key,
        file_counts.rows_duplicate_key,
        file_counts.rows_in_file = staged_counts.rows_staged + file_counts.rows_quarantined as is_balanced
    from file_counts
    inner join staged_counts
        on file_counts.table_name = staged_counts.table_name
)

select * from final
