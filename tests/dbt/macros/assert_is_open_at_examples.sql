{#
    is_open_at ("open at D": start <= D and (end is null or end > D)) and
    is_open_during ("open during [first, last]": start <= last and (end is null or
    end > first)) and is_open_at_or_ending_on (open at D, or ending on D when the end day
    counts) on hand-checked examples. Returns the examples whose result differs
    from the expected value.
#}

with

examples as (

    -- D is the window's last day; each macro is checked on each record
    select * from (
        values
        -- (example, start, end, D = last day of the window, first day of the window, open at D, open during,
        -- open at D or ending on D when the end day counts)
        ('starts on D', '2021-03-31', '2021-06-30', '2021-03-31', '2021-03-01', true, true, true),
        ('ends on D: no longer open at D', '2021-01-01', '2021-03-31', '2021-03-31', '2021-03-01', false, true, true),
        ('ends the day after D', '2021-01-01', '2021-04-01', '2021-03-31', '2021-03-01', true, true, true),
        ('starts the day after D', '2021-04-01', null, '2021-03-31', '2021-03-01', false, false, false),
        ('null end is still open', '2021-01-01', null, '2021-03-31', '2021-03-01', true, true, true),
        ('starts and ends on D: not open at D (is_open_during does not check end > start)', '2021-03-31', '2021-03-31', '2021-03-31', '2021-03-01', false, true, true),
        ('end before start is never open at D', '2021-03-31', '2021-03-01', '2021-03-15', '2021-03-01', false, false, false),
        ('end before start straddling the window passes is_open_during', '2021-03-20', '2021-03-10', '2021-03-31', '2021-03-01', false, true, false),
        ('ends on the window''s first day: not open during it', '2021-01-01', '2021-03-01', '2021-03-31', '2021-03-01', false, false, false),
        ('ends the day after the window''s first day', '2021-01-01', '2021-03-02', '2021-03-31', '2021-03-01', false, true, false),
        ('null start is unknown', null, null, '2021-03-31', '2021-03-01', null, null, null),
        ('null D is unknown', '2021-01-01', null, null, '2021-03-01', null, null, null)
    ) as example_values (
        example, start_text, end_text, at_text, first_text, expected_open_at, expected_open_during,
        expected_open_or_ending
    )

),

typed as (

    select
        example,
        cast(start_text as date) as start_date,
        cast(end_text as date) as end_date,
        cast(at_text as date) as at_date,
        cast(first_text as date) as first_date,
        expected_open_at,
        expected_open_during,
        expected_open_or_ending
    from examples

),

results as (

    select
        *,
        {{ is_open_at('start_date', 'end_date', 'at_date') }} as actual_open_at,
        {{ is_open_during('start_date', 'end_date', 'first_date', 'at_date') }} as actual_open_during,
        {{ is_open_at_or_ending_on('start_date', 'end_date', 'at_date', 'true') }} as actual_open_or_ending,
        {{ is_open_at_or_ending_on('start_date', 'end_date', 'at_date', 'false') }} as actual_open_or_not_ending
    from typed

),

final as (

    select *
    from results
    where
        actual_open_at is distinct from expected_open_at
        or actual_open_during is distinct from expected_open_during
        or actual_open_or_ending is distinct from expected_open_or_ending
        -- when the end day does not count, it is is_open_at
        or actual_open_or_not_ending is distinct from expected_open_at

)

select * from final
