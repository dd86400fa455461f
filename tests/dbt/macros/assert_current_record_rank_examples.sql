{#
    current_record_rank ("the current record at P": latest start, then the greatest id
    as text) on hand-checked examples: each record with the rank expected for it
    (1 = the current record of its example). Returns the records ranked otherwise.
#}

with

examples as (

    select
        example,
        record_id,
        cast(start_date as date) as start_date,
        expected_rank
    from (
        values
        ('latest start wins', '1', '2021-01-01', 3),
        ('latest start wins', '2', '2021-02-01', 1),
        ('latest start wins', '3', '2021-01-15', 2),
        ('same start: greatest id as text, 9 after 10', '10', '2021-01-01', 2),
        ('same start: greatest id as text, 9 after 10', '9', '2021-01-01', 1),
        ('a single record is current', 'A', '2021-01-01', 1),
        ('the start decides before the id', 'Z', '2021-01-01', 2),
        ('the start decides before the id', 'A', '2021-01-02', 1)
    ) as example_values (example, record_id, start_date, expected_rank)

),

ranked as (

    select
        *,
        {{ current_record_rank(['example'], ['start_date', 'cast(record_id as ' ~ dbt.type_string() ~ ')']) }}
            as record_rank
    from examples

),

final as (

    select *
    from ranked
    where record_rank <> expected_rank

)

select * from final
