{#
    Ranges [lower_bound, upper_bound) must not overlap within a partition.
    Ranges are half-open, as in kpis.md's "open at D" (start <= D < end): a
    range ending on the day the next one starts does not overlap it. A null
    upper bound is an open-ended range (it runs for ever).

    One failing row per bad range, with failure_reason:
    - 'null lower bound';
    - 'upper bound before lower bound';
    - 'zero-length range' (lower = upper) only when zero_length_range_allowed is
      false. When it is true (the default), a zero-length range holds no day, so
      it cannot overlap anything and is left out of the overlap check;
    - 'overlaps an earlier range': the range starts before the end of another
      range of the partition that sorts before it (by lower bound, then upper
      bound with open-ended last). Of two overlapping ranges only the later one
      is reported.

    partition_by: a column name, a comma-separated list, or a list of names;
    none = the whole model is one partition. Works for dates, timestamps and
    numbers (no sentinel values are used for open ends).
#}
{% test mutually_exclusive_ranges(model, lower_bound_column, upper_bound_column, partition_by=none, zero_length_range_allowed=true) %}

{%- if partition_by is none -%}
    {%- set partition_columns = [] -%}
{%- elif partition_by is string -%}
    {%- set partition_columns = partition_by.split(',') | map('trim') | list -%}
{%- else -%}
    {%- set partition_columns = partition_by -%}
{%- endif -%}
{%- set partition_clause = ('partition by ' ~ (partition_columns | join(', '))) if partition_columns else '' -%}
{#- the columns of a failing row, before its failure_reason -#}
{%- set failure_columns = partition_columns + ['lower_bound', 'upper_bound'] -%}

with

ranges as (

    select
        {%- for partition_column in partition_columns %}
        {{ partition_column }},
        {%- endfor %}
        {{ lower_bound_column }} as lower_bound,
        {{ upper_bound_column }} as upper_bound
    from {{ model }}

),

classified_ranges as (

    select
        *,
        case
            when lower_bound is null then 'null lower bound'
            when upper_bound < lower_bound then 'upper bound before lower bound'
            when upper_bound = lower_bound then 'zero-length range'
        end as invalid_reason
    from ranges

),

checked_ranges as (

    select *
    from classified_ranges
    where invalid_reason is null

),

ranges_with_earlier_ends as (

    select
        *,
        max(upper_bound) over (
            {{ partition_clause }}
            order by lower_bound, upper_bound nulls last
            rows between unbounded preceding and 1 preceding
        ) as latest_earlier_upper_bound,
        max(case when upper_bound is null then 1 else 0 end) over (
            {{ partition_clause }}
            order by lower_bound, upper_bound nulls last
            rows between unbounded preceding and 1 preceding
        ) as has_earlier_open_range
    from checked_ranges

),

overlapping_ranges as (

    select
        {%- for column in failure_columns %}
        {{ column }},
        {%- endfor %}
        'overlaps an earlier range' as failure_reason
    from ranges_with_earlier_ends
    where has_earlier_open_range = 1
        or lower_bound < latest_earlier_upper_bound

),

invalid_ranges as (

    select
        {%- for column in failure_columns %}
        {{ column }},
        {%- endfor %}
        invalid_reason as failure_reason
    from classified_ranges
    where invalid_reason is not null
        {%- if zero_length_range_allowed %}
        and invalid_reason <> 'zero-length range'
        {%- endif %}

),

final as (

    select * from overlapping_ranges
    union all
    select * from invalid_ranges

)

select * from final

{% endtest %}
