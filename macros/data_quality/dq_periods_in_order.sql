{#
    The records of a staged table that run from a start to an end date (CIN episodes, plans,
    looked-after episodes), each child's in start order, with what the ordering rules compare:
    - latest_earlier_end: the latest end of the child's earlier records (an open record
      counts as ending on open_end when given; as no end when open_end is none);
    - open_count: the child's records with no end; open_recency: 1 for the latest open one;
    - next_start: the start of the child's next record; period_number: 1 for the first.
    Records with no start or no child are left out. `columns` are further columns to keep.
#}
{% macro dq_periods_in_order(relation, id, start_date, end_date, open_end=none, columns=[]) -%}
    {%- set in_order = 'partition by person_id order by ' ~ start_date ~ ', ' ~ id -%}
    select
        {{ id }},
        child_key,
        landing_row_number,
        person_id,
        {{ start_date }},
        {{ end_date }},
        {%- for column in columns %}
        {{ column }},
        {%- endfor %}
        max({{ end_date if open_end is none else 'coalesce(' ~ end_date ~ ', ' ~ open_end ~ ')' }}) over (
            {{ in_order }}
            rows between unbounded preceding and 1 preceding
        ) as latest_earlier_end,
        count(case when {{ end_date }} is null then 1 end) over (partition by person_id) as open_count,
        {{ current_record_rank(['person_id', end_date ~ ' is null'], [start_date, id]) }} as open_recency,
        lead({{ start_date }}) over ({{ in_order }}) as next_start,
        row_number() over ({{ in_order }}) as period_number
    from {{ relation }}
    where {{ start_date }} is not null
        and person_id is not null
{%- endmacro %}
