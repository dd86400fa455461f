{#
    Working days as with_working_days computes them (a join to int_dates; plain and
    forward_only: null when the start is after the end), on hand-checked examples
    (kpis.md "Working days": d1 < w <= d2, Monday to Friday, not an England and
    Wales bank holiday). Returns the examples whose result differs from the
    expected value.
#}

with

examples as (

    select
        example,
        cast(start_date as date) as start_date,
        cast(end_date as date) as end_date,
        expected_working_days
    from (
        values
        ('same day', '2021-03-03', '2021-03-03', 0),
        ('Friday to the next Monday', '2021-03-05', '2021-03-08', 1),
        ('Saturday to Monday', '2021-03-06', '2021-03-08', 1),
        ('Saturday to Sunday', '2021-03-06', '2021-03-07', 0),
        ('Christmas 2020: Thu 24 to Tue 29 Dec (25 Fri, 28 Mon substitute Boxing Day)', '2020-12-24', '2020-12-29', 1),
        ('Christmas 2020: Thu 24 to Thu 31 Dec', '2020-12-24', '2020-12-31', 3),
        ('start on a bank holiday: Fri 25 to Tue 29 Dec 2020', '2020-12-25', '2020-12-29', 1),
        ('Easter 2021: Thu 1 to Tue 6 Apr (2 Apr Good Friday, 5 Apr Easter Monday)', '2021-04-01', '2021-04-06', 1),
        ('VE Day 2020: Thu 7 to Mon 11 May (Fri 8 May one-off)', '2020-05-07', '2020-05-11', 1),
        ('Mon 4 May 2020 was moved to 8 May, so it is a working day', '2020-05-01', '2020-05-04', 1),
        ('Platinum Jubilee: Wed 1 to Mon 6 Jun 2022 (2 and 3 Jun)', '2022-06-01', '2022-06-06', 1),
        ('State funeral: Fri 16 to Tue 20 Sep 2022 (19 Sep)', '2022-09-16', '2022-09-20', 1),
        ('Coronation: Fri 5 to Tue 9 May 2023 (8 May)', '2023-05-05', '2023-05-09', 1),
        ('45 working days: Mon 1 Mar to Thu 6 May 2021, across Easter and 3 May', '2021-03-01', '2021-05-06', 45),
        ('46 working days: Mon 1 Mar to Fri 7 May 2021', '2021-03-01', '2021-05-07', 46),
        ('end before start is negative: Mon to the previous Fri', '2021-03-08', '2021-03-05', -1),
        ('whole calendar', '1900-01-01', '2099-12-31', 50793),
        ('Millennium: Thu 30 Dec 1999 to Tue 4 Jan 2000 (31 Dec one-off, 3 Jan substitute New Year)', '1999-12-30', '2000-01-04', 1),
        ('1950, before New Year''s Day was a bank holiday: Fri 30 Dec 1949 to Tue 3 Jan 1950', '1949-12-30', '1950-01-03', 2),
        ('null start date', null, '2021-03-08', null),
        ('null end date', '2021-03-05', null, null),
        ('date before the calendar gives null', '1899-12-31', '1900-01-03', null),
        ('date after the calendar gives null', '2099-12-31', '2100-01-04', null)
    ) as example_values (example, start_date, end_date, expected_working_days)

),

calendar as (select * from {{ ref('int_dates') }}),

joined as (

    {{ with_working_days('examples', 'start_date', 'end_date', 'joined_working_days', calendar='calendar') }}

),

joined_forward as (

    {{ with_working_days(
        'joined', 'start_date', 'end_date', 'forward_working_days',
        calendar='calendar', forward_only=true
    ) }}

),

results as (

    select
        example,
        start_date,
        end_date,
        expected_working_days,
        joined_working_days,
        forward_working_days,
        case when start_date <= end_date then expected_working_days end as expected_forward_working_days
    from joined_forward

),

final as (

    select *
    from results
    where
        joined_working_days is distinct from expected_working_days
        or forward_working_days is distinct from expected_forward_working_days

)

select * from final
