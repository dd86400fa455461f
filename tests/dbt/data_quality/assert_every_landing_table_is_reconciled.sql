{#
    Every table of the landing sources has a row in dq_reconciliation (and so a quarantine
    check): a landing table added to the sources but not to landing_table_keys() fails here.
#}
{%- set landing_tables = graph.sources.values() | selectattr('schema', 'equalto', 'landing') | map(attribute='identifier') | list %}

with expected as (
    {%- for table in landing_tables %}
    select '{{ table }}' as table_name
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

reconciled as (
    select table_name from {{ ref('dq_reconciliation') }}
)

select expected.table_name
from expected
left join reconciled
    on expected.table_name = reconciled.table_name
where reconciled.table_name is null
