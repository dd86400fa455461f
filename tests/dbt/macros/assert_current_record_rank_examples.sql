{#
    current_record_rank ("the current record at P": latest start, then the greatest id
    as text) on hand-checked examples: for each key, the record expected to rank 1.
    Returns the keys whose current record differs from the expected one.
#}

with

examples as (

    select
        example,
        record_id,
        cast(start_date as date) as start_date,
        is_expected_current
    from (
        values
            ('latest start wins', '1', '2021-01-01', false),
            ('latest start wins', '2', '2021-02-01', true),
            ('same start: greatest id as text, 9 after 10', '10', '2021-01-01', false),
            ('same start: greatest id as text, 9 after 10', '9', '2021-01-01', true),
            ('a single record is current', 'A', '2021-01-01', true),
            ('the start decides before the id', 'Z', '2021-01-01', false),
            ('the start decides before the id', 'A', '2021-01-02', true)
    ) as example_values (example, record_id, start_date, is_expected_current)

),

ranked as (

    select
        *,
        {{ current_record_rank(['example'], ['start_date', 'cast(record_id as varchar)']) }}
            as record_rank
    from examples

),

final as (

    select *
    from ranked
    where (record_rank = 1) <> is_expected_current

)

select * from final
