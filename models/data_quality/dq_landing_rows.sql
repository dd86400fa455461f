{{ config(materialized='table', schema='data_quality', tags=['data_quality']) }}

{#
    Every row of every landing file (from the base models, which keep every row), with what
    staging does with it: staged (quarantine_reason null), or quarantined because its primary
    key is blank ('missing primary key') or repeats an earlier row's ('duplicate primary
    key': the row staging keeps is kept_landing_row_number, decided by keep_first_per_key's
    first_landing_row_of_key). Tables without a key are staged whole. dq_quarantine lists the
    quarantined rows and dq_reconciliation counts rows per table from here, so the decision
    is read in one place. A row is named by landing_row_number, its record id (null for
    ssd_person, whose id is the person id) and the pseudonymous child key: no person id is
    copied here.
#}
{%- set tables = landing_table_keys() %}

with
{%- for t in tables %}

{{ t.table }}_rows as (
    select
        '{{ t.table }}' as table_name,
        landing_row_number,
        {%- if t.key %}
        {{ clean_text(t.key) }} as primary_key,
        {{ first_landing_row_of_key(clean_text(t.key)) }} as kept_landing_row_number,
        {%- else %}
        cast(null as varchar) as primary_key,
        landing_row_number as kept_landing_row_number,
        {%- endif %}
        {%- if t.person %}
        {{ pseudonymise(t.person) }} as child_key,
        {%- else %}
        cast(null as varchar) as child_key,
        {%- endif %}
        {{ 'true' if t.key else 'false' }} as has_key
    from {{ ref(t.base_model) }}
),
{%- endfor %}

all_rows as (
    {%- for t in tables %}
    select * from {{ t.table }}_rows
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

final as (
    select
        table_name,
        landing_row_number,
        case when table_name != 'ssd_person' then primary_key end as record_id,
        child_key,
        case
            when has_key and primary_key is null then 'missing primary key'
            when has_key and landing_row_number != kept_landing_row_number then 'duplicate primary key'
        end as quarantine_reason,
        case
            when has_key and primary_key is not null then kept_landing_row_number
        end as kept_landing_row_number
    from all_rows
)

select * from final
