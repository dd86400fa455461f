{{ config(materialized='table', schema='data_quality', tags=['data_quality']) }}

{#
    Every landing row that staging does not keep, with the reason (landing.md, staging
    contract): a row whose primary key is blank ('missing primary key'), and every later row
    of a key that occurs more than once ('duplicate primary key': the first row of the key in
    the file is staged, see keep_first_per_key). The rows and reasons come from
    dq_landing_rows; together with staging they account for every row of every file
    (dq_reconciliation). Rows with other problems (an unparseable date, an unknown code) are
    staged, not quarantined, and reported in dq_rule_failures. A row is named by its
    landing_row_number, its record id (the table's own id; null for ssd_person, whose id is
    the person id) and the pseudonymous child key: no person id, date of birth or other
    identifying value is copied here.
#}

with landing_rows as (select * from {{ ref('dq_landing_rows') }}),

quarantined as (
    select
        table_name,
        landing_row_number,
        record_id,
        child_key,
        quarantine_reason as reason,
        kept_landing_row_number
    from landing_rows
    where quarantine_reason is not null
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
            else 'Row ' || cast(kept_landing_row_number as {{ dbt.type_string() }}) || ' of the file has the same id and is the one used. Remove or correct the duplicate in the extract.'
        end as how_to_fix
    from quarantined
)

select * from final
