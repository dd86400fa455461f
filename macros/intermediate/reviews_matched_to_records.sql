{#
    "Review matching" (kpis-inspection.md), shared by CP review conferences (matched to CP
    plans) and CLA reviews (matched to periods of care), by person and date; the record id
    on a review row is not used:
    - a review is held when its date is set and held_condition holds (CLA: not cancelled),
      and its person is known; other rows are left out;
    - several held rows of one child on one date count once: the first in file order
      (landing_row_number);
    - a review matches a record of the same child dated after the record's start (on the
      start date too when matches_on_start_date) and on or before its end (no end: no
      limit); of several, the current record (current_record_rank: latest start, then
      greatest id as text);
    - a review that matches no record is kept with a null record id.

    Returns a select with one row per held review: <review>_id, child_key, <review>_date,
    the record's id and start date, then each of record_flags (false when no record).
    - reviews, records: relations or CTE names; reviews with <review>_id, child_key,
      <review>_date and landing_row_number; records with child_key and the columns below;
    - review: the review columns' prefix, e.g. 'cp_review';
    - record_id, record_start_date, record_end_date: the records' column names;
    - matches_on_start_date: true when a review on the record's start date matches it;
    - held_condition: SQL boolean over the reviews' columns, 'true' by default;
    - record_flags: boolean columns of the records kept on each row, none by default.
    Used by int_cp_reviews_matched and int_cla_reviews_matched.
#}
{% macro reviews_matched_to_records(
    reviews, records, review, record_id, record_start_date, record_end_date,
    matches_on_start_date, held_condition='true', record_flags=[]
) -%}
    select
        {{ review }}_id,
        child_key,
        {{ review }}_date,
        {{ record_id }},
        {{ record_start_date }}
        {%- for flag in record_flags %},
        coalesce({{ flag }}, false) as {{ flag }}
        {%- endfor %}
    from (
        select
            held_reviews.{{ review }}_id,
            held_reviews.child_key,
            held_reviews.{{ review }}_date,
            records.{{ record_id }},
            records.{{ record_start_date }},
            {%- for flag in record_flags %}
            records.{{ flag }},
            {%- endfor %}
            {{ current_record_rank(
                ['held_reviews.' ~ review ~ '_id'],
                ['records.' ~ record_start_date, 'cast(records.' ~ record_id ~ ' as ' ~ dbt.type_string() ~ ')']
            ) }} as record_recency_rank
        from (
            select
                {{ review }}_id,
                child_key,
                {{ review }}_date,
                row_number() over (
                    partition by child_key, {{ review }}_date order by landing_row_number
                ) as same_day_order
            from {{ reviews }}
            where
                {{ review }}_date is not null
                and ({{ held_condition }})
                and child_key is not null
        ) as held_reviews
        left join {{ records }} as records
            on
                held_reviews.child_key = records.child_key
                and held_reviews.{{ review }}_date {{ '>=' if matches_on_start_date else '>' }} records.{{ record_start_date }}
                and (
                    records.{{ record_end_date }} is null
                    or held_reviews.{{ review }}_date <= records.{{ record_end_date }}
                )
        where held_reviews.same_day_order = 1
    ) as reviews_with_records
    where record_recency_rank = 1
{%- endmacro %}
