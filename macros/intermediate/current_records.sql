{#
    "The current record at P" (kpis.md), for any key: `records` joined to `anchors` on
    `join_condition` (SQL; e.g. the record open at the anchor's date), and of the records
    of each key the current one (current_record_rank: latest start_column, then the greatest
    id_column compared as text). `keys` are qualified columns (e.g. 'plans.child_key',
    'periods.period_end'), returned under their own names, then id_column and each of
    `columns` of records: one row per key with a record. Used by
    current_record_at_period_end and annex_a_record_at_d.
#}
{% macro current_records(records, anchors, join_condition, keys, id_column, start_column, columns=[]) -%}
    select
        {%- for key in keys %}
        {{ key.split('.')[-1] }},
        {%- endfor %}
        {{ id_column }}
        {%- for column in columns %},
        {{ column }}
        {%- endfor %}
    from (
        select
            {%- for key in keys %}
            {{ key }},
            {%- endfor %}
            {{ records }}.{{ id_column }},
            {%- for column in columns %}
            {{ records }}.{{ column }},
            {%- endfor %}
            {{ current_record_rank(
                keys,
                [records ~ '.' ~ start_column, 'cast(' ~ records ~ '.' ~ id_column ~ ' as ' ~ dbt.type_string() ~ ')']
            ) }} as record_recency_rank
        from {{ records }}
        inner join {{ anchors }}
            on {{ join_condition }}
    ) as ranked_records
    where record_recency_rank = 1
{%- endmacro %}
