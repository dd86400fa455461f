{#
    The state at P of a review chain (kpis-inspection.md "All-on-time populations"), shared
    by cp_reviews_all_on_time and cla_reviews_all_on_time. `children` (a CTE) has one row
    per child and period end with the record open at P; `chains` (a CTE) the chain rows of
    int_cp_review_chains / int_cla_review_chains; `join_columns` the columns both share that
    name the record; `review_date` the chains' review date column. Only reviews dated on or
    before P exist at P.

    Returns child_key, period_end, the record columns, first_due_date, is_review_due (D1 <=
    P: the KPI's population), has_late_review (a review held late; with
    `late_window_months`, only one due in (P - interval N months, P]), next_due_date (after
    the last review dated on or before P, or the first) and has_missed_review (it is on or
    before P, wherever it lies).
#}
{% macro review_status_at_period_end(children, chains, join_columns, review_date, late_window_months=none) -%}
    select
        child_key,
        period_end,
        {%- for column in join_columns %}
        {{ column }},
        {%- endfor %}
        max(case when review_number = latest_review_number then first_due_date end) as first_due_date,
        coalesce(max(case when review_number = latest_review_number then first_due_date end) <= period_end, false)
            as is_review_due,
        max(case when is_late_in_window then 1 else 0 end) = 1 as has_late_review,
        max(case when review_number = latest_review_number then next_due_date end) as next_due_date,
        coalesce(max(case when review_number = latest_review_number then next_due_date end) <= period_end, false)
            as has_missed_review
    from (
        select
            {{ children }}.child_key,
            {{ children }}.period_end,
            {%- for column in join_columns %}
            {{ children }}.{{ column }},
            {%- endfor %}
            {{ chains }}.review_number,
            {{ chains }}.first_due_date,
            {{ chains }}.next_due_date,
            {{ chains }}.is_late
            {%- if late_window_months is not none %}
            and {{ chains }}.due_date
            > cast({{ dbt.dateadd('month', -late_window_months, children ~ '.period_end') }} as date)
            and {{ chains }}.due_date <= {{ children }}.period_end
            {%- endif %} as is_late_in_window,
            max({{ chains }}.review_number) over (
                partition by {{ children }}.child_key, {{ children }}.period_end
            ) as latest_review_number
        from {{ children }}
        inner join {{ chains }}
            on
            {%- for column in join_columns %}
            {{ children }}.{{ column }} = {{ chains }}.{{ column }} and
            {%- endfor %}
            ({{ chains }}.review_number = 0 or {{ chains }}.{{ review_date }} <= {{ children }}.period_end)
    ) as chain_at_period_end
    group by child_key, period_end{% for column in join_columns %}, {{ column }}{% endfor %}
{%- endmacro %}
