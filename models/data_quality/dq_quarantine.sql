{{ config(materialized='table', schema='data_quality', tags=['data_quality']) }}

{#
    Every landing row that staging does not keep, with the reason (landing.md, staging
    contract): a row whose primary key is blank ('missing primary key'), and every later row
    of a key that occurs more than once ('duplicate primary key': the first row of the key in
    the file is staged, see keep_first_per_key). Together with staging this accounts for
    every row of every file (dq_reconciliation). Rows with other problems (an unparseable
    date, an unknown code) are staged, not quarantined, and reported in dq_rule_failures.
    A row is named by its landing_row_number, its record id (the table's own id; null for
    ssd_person, whose id is the person id) and the pseudonymous child key: no person id,
    date of birth or other identifying value is copied here.
#}
{%- set tables = landing_table_keys() | selectattr('key') | list %}

with
{%- for t in tables %}

{{ t.table }}_rows as (
    select
        '{{ t.table }}' as table_name,
        landing_row_number,
        {{ clean_text(t.key) }} as primary_key,
        {%- if t.person %}
        {{ pseudonymise(t.person) }} as child_key,
        {%- else %}
        cast(null as varchar) as child_key,
        {%- endif %}
        row_number() over (
            partition by {{ clean_text(t.key) }}
            order by landing_row_number
        ) as key_occurrence,
        min(landing_row_number) over (partition by {{ clean_text(t.key) }}) as first_landing_row_number
    from {{ source('ssd' if t.table.startswith('ssd_') else 'la', t.table) }}
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

quarantined as (
    select
        table_name,
        landing_row_number,
        case when table_name != 'ssd_person' then primary_key end as record_id,
        child_key,
        case
            when primary_key is null then 'missing primary key'
            else 'duplicate primary key'
        end as reason,
        case
            when primary_key is not null then first_landing_row_number
        end as kept_landing_row_number
    from all_rows
    where primary_key is null
        or key_occurrence > 1
),

final as (
    select
        table_name,
        landing_row_number,
        record_id,
        child_key,
        reason,
        kept_landing_row_number,
        case
            when reason = 'missing primary key'
                then 'The row has no id, so it cannot be told apart from other rows. Give it its id in the case-management system and re-extract.'
            else 'Row ' || cast(kept_landing_row_number as varchar) || ' of the file has the same id and is the one used. Remove or correct the duplicate in the extract.'
        end as how_to_fix
    from quarantined
)

select * from final
