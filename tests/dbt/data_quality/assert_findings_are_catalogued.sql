{#
    Every finding names a rule and table of the dq_rules seed, so each has a severity,
    a description and a fix (a rule model emitting an uncatalogued id fails the build).
#}
select
    rule_id,
    table_name,
    count(*) as findings
from {{ ref('dq_rule_failures') }}
where severity is null
group by rule_id, table_name
