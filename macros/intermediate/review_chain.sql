{#
    The review schedule of kpis-inspection.md ("Review schedules" and the settled points on
    review chains and review history), shared by CP plans and periods of care.

    `relation` (a CTE) has one row per held review matched to a record (a plan or a period
    of care), several reviews of one child on one date already counted once, with:
    record_id, review_id, review_date, anchor_date (A), first_due_date (D1 from A),
    history_start_date (H, the var review_history_start or the earliest review date of the
    file); `first_review_late` is the caller's boolean SQL expression over those columns: is
    review 1 late (CP: dated after D1; CLA: more than 20 working days after A)?

    Returns one row per usable review of a record, in order (k = 1, 2, ...):
    - a record that started before H is "restarted": its reviews dated before H are not
      used; its first review on or after H is held on time and counts as a later review,
      so the next is due `interval 6 months` after it; due dates before H are neither late
      nor missed;
    - otherwise review 1 is late when first_review_late, review 2 is due review 1 + interval
      `second_interval_months`, review k >= 3 is due review k-1 + interval 6 months,
      whether or not the earlier review was late (and so for later reviews of a restarted
      record); review k is late when it is dated after its due date (on the due date is on
      time);
    - next_due_date: when review k+1 is due (the chain goes on from the actual review).
    `anchors` (a CTE) has one row per record: record_id, anchor_date, history_start_date,
    first_due_date and first_due_date_from_history_start (D1 from H); `relation` takes its
    anchor_date, first_due_date and history_start_date from it. Each record also has a
    row review_number 0 before any review, with no review, due date or lateness, whose
    next_due_date is the first due date (D1, or D1 from H for a restarted record).

    The select returns the anchors' record_columns (none by default), record_id as
    `record_id_as` (left out when none), review_id and review_date as <review>_id and
    <review>_date, review_number, is_restarted, due_date, is_late, next_due_date and the
    record's first_due_date (D1 from A): one row per record with review_number 0 and one per
    usable review, the model's final columns.
#}
{% macro review_chain(
    relation, anchors, second_interval_months, first_review_late, review,
    record_columns=[], record_id_as=none
) -%}
    select
        {%- for column in record_columns %}
        {{ column }},
        {%- endfor %}
        {%- if record_id_as is not none %}
        record_id as {{ record_id_as }},
        {%- endif %}
        review_id as {{ review }}_id,
        review_date as {{ review }}_date,
        review_number,
        is_restarted,
        due_date,
        is_late,
        next_due_date,
        first_due_date
    from (
        select
            {%- for column in record_columns %}
            {{ column }},
            {%- endfor %}
            record_id,
            cast(null as {{ dbt.type_string() }}) as review_id,
            cast(null as date) as review_date,
            0 as review_number,
            coalesce(anchor_date < history_start_date, false) as is_restarted,
            cast(null as date) as due_date,
            false as is_late,
            case
                when anchor_date < history_start_date then first_due_date_from_history_start
                else first_due_date
            end as next_due_date,
            first_due_date
        from {{ anchors }}

        union all

        select
            {%- for column in record_columns %}
            record_anchors.{{ column }},
            {%- endfor %}
            usable_reviews.record_id,
            usable_reviews.review_id,
            usable_reviews.review_date,
            usable_reviews.review_number,
            usable_reviews.is_restarted,
            case
                when is_restarted and review_number = 1 then null
                when review_number = 1 then usable_reviews.first_due_date
                when review_number = 2 and not is_restarted
                    then cast({{ dbt.dateadd('month', second_interval_months, 'previous_review_date') }} as date)
                when review_number >= 2
                    then cast({{ dbt.dateadd('month', 6, 'previous_review_date') }} as date)
            end as due_date,
            case
                when is_restarted and review_number = 1 then false
                when review_number = 1 then {{ first_review_late }}
                when review_number = 2 and not is_restarted
                    then review_date > cast({{ dbt.dateadd('month', second_interval_months, 'previous_review_date') }} as date)
                else review_date > cast({{ dbt.dateadd('month', 6, 'previous_review_date') }} as date)
            end as is_late,
            case
                when review_number = 1 and not is_restarted
                    then cast({{ dbt.dateadd('month', second_interval_months, 'review_date') }} as date)
                else cast({{ dbt.dateadd('month', 6, 'review_date') }} as date)
            end as next_due_date,
            record_anchors.first_due_date
        from (
            select
                {{ relation }}.*,
                anchor_date < history_start_date as is_restarted,
                row_number() over (partition by record_id order by review_date) as review_number,
                lag(review_date) over (partition by record_id order by review_date) as previous_review_date
            from {{ relation }}
            where anchor_date >= history_start_date or review_date >= history_start_date
        ) as usable_reviews
        inner join {{ anchors }} as record_anchors
            on usable_reviews.record_id = record_anchors.record_id
    ) as review_chains
{%- endmacro %}
