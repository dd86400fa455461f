{#
    dq_periods_in_order on hand-checked examples: for each record, the latest end of the
    child's earlier records (an open one counting as 9999-12-31 when open_end is given, as no
    end otherwise), the child's open records, whether it is the latest open one, the next
    start and its place in start order. Returns the records computed otherwise.
#}

with

examples as (

    select
        *,
        person_id as child_key
    from (
        values
        -- an open record before a closed one: it counts only with open_end
        ('A1', 'P1', 1, date '2021-01-01', null, null, null, 1, 1, date '2021-02-01', 1),
        ('A2', 'P1', 2, date '2021-02-01', date '2021-03-01', null, date '9999-12-31', 1, 1, null, 2),
        -- two open records: the later start is the latest open one
        ('B1', 'P2', 3, date '2021-01-01', null, null, null, 2, 2, date '2021-01-05', 1),
        ('B2', 'P2', 4, date '2021-01-05', null, null, date '9999-12-31', 2, 1, null, 2),
        -- the same start: the id orders them; a record without a start is left out
        ('C1', 'P3', 5, date '2021-01-01', date '2021-01-10', null, null, 0, 1, date '2021-01-01', 1),
        ('C2', 'P3', 6, date '2021-01-01', date '2021-01-03', date '2021-01-10', date '2021-01-10', 0, 2, null, 2),
        ('C3', 'P3', 7, null, null, null, null, null, null, null, null)
    ) as example_values (
        record_id, person_id, landing_row_number, start_date, end_date, expected_latest_earlier_end,
        expected_latest_earlier_end_open, expected_open_count, expected_open_recency, expected_next_start,
        expected_period_number
    )

),

without_open_end as (
    {{ dq_periods_in_order('examples', 'record_id', 'start_date', 'end_date') }}
),

with_open_end as (
    {{ dq_periods_in_order('examples', 'record_id', 'start_date', 'end_date', open_end="date '9999-12-31'") }}
),

final as (

    select examples.record_id
    from examples
    left join without_open_end
        on examples.record_id = without_open_end.record_id
    left join with_open_end
        on examples.record_id = with_open_end.record_id
    where (examples.start_date is null and without_open_end.record_id is not null)
        or (
            examples.start_date is not null
            and (
                without_open_end.latest_earlier_end is distinct from examples.expected_latest_earlier_end
                or with_open_end.latest_earlier_end is distinct from examples.expected_latest_earlier_end_open
                or without_open_end.open_count is distinct from examples.expected_open_count
                or without_open_end.next_start is distinct from examples.expected_next_start
                or without_open_end.period_number is distinct from examples.expected_period_number
                or (
                    without_open_end.end_date is null
                    and without_open_end.open_recency is distinct from examples.expected_open_recency
                )
            )
        )

)

select * from final
