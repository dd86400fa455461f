{{ config(materialized='table', schema='data_quality', tags=['data_quality']) }}

{#
    Every row of every landing file, with what staging does with it: staged (quarantine_reason
    null), or quarantined because its primary key is blank ('missing primary key') or repeats
    an earlier row's ('duplicate primary key': the row staging keeps is
    kept_landing_row_number). Tables without a key are staged whole. dq_quarantine lists the
    quarantined rows and dq_reconciliation counts rows per table from here, so the decision is
    read in one place. A row is named by landing_row_number, its record id (null for
    ssd_person, whose id is the person id) and the pseudonymous child key: no person id is
    copied here.

    The rows staging kept come from the staging model itself (its key, child_key and
    landing_row_number: nothing is parsed or pseudonymised again). Only the landing rows that
    staging did not keep are read from the base model (an anti join on landing_row_number),
    and only they are cleaned and pseudonymised. Such a row is quarantined when its key is
    blank, or when staging kept an earlier row of the same key (keep_first_per_key: that row
    is kept_landing_row_number); a row dropped for any other reason has no quarantine reason,
    so dq_reconciliation does not balance and assert_reconciliation_balances fails.

    child_key is the key of the row's own person column. A staging model's child_key is that,
    except where staging finds the child another way: stg_ssd__cla_reviews resolves a blank
    person through the episodes (person_source), so there a staged row's child_key is taken
    only when its person was supplied.
#}
{%- set tables = landing_table_keys() %}
{%- set staged_child_keys = {
    'ssd_cla_reviews': "case when person_source = 'supplied' then child_key end",
} %}

with
{%- for t in tables %}

{{ t.table }}_staged as (
    select
        landing_row_number,
        {{ t.staged_key if t.key else 'cast(null as ' ~ dbt.type_string() ~ ')' }} as primary_key,
        {{ staged_child_keys.get(t.table, 'child_key') if t.person else 'cast(null as ' ~ dbt.type_string() ~ ')' }} as child_key
    from {{ ref(t.model) }}
),

{{ t.table }}_not_staged as (
    select
        landing.landing_row_number,
        {{ clean_text('landing.' ~ t.key) if t.key else 'cast(null as ' ~ dbt.type_string() ~ ')' }} as primary_key,
        {{ pseudonymise('landing.' ~ t.person) if t.person else 'cast(null as ' ~ dbt.type_string() ~ ')' }} as child_key
    from {{ ref(t.base_model) }} as landing
    where not exists (
            select 1
            from {{ t.table }}_staged as staged
            where staged.landing_row_number = landing.landing_row_number
        )
),

{{ t.table }}_rows as (
    select
        '{{ t.table }}' as table_name,
        landing_row_number,
        primary_key,
        landing_row_number as kept_landing_row_number,
        child_key,
        {{ 'true' if t.key else 'false' }} as has_key
    from {{ t.table }}_staged
    union all
    select
        '{{ t.table }}' as table_name,
        not_staged.landing_row_number,
        not_staged.primary_key,
        kept.landing_row_number as kept_landing_row_number,
        not_staged.child_key,
        {{ 'true' if t.key else 'false' }} as has_key
    from {{ t.table }}_not_staged as not_staged
    left join {{ t.table }}_staged as kept
        on not_staged.primary_key = kept.primary_key
        and not_staged.landing_row_number > kept.landing_row_number
),
{%- endfor %}

all_rows as (
    {%- set row_ctes = [] %}
    {%- for t in tables %}{% do row_ctes.append(t.table ~ '_rows') %}{% endfor %}
    {{ dq_union_all(row_ctes) }}
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
