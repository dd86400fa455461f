{#
    England and Wales bank holidays in dim_dates (gov.uk):
    - one-off and moved bank holidays are bank holidays and not working days;
    - the normal dates they replaced are working days;
    - every calendar year from 1978 (the first with May Day) has 8 bank holidays on
      weekdays, except the years with one-offs (1981, 1999, 2002, 2011, 2012, 2023: 9;
      2022: 10); every earlier year of the calendar (from 1900) has at least Good Friday,
      Easter Monday and the Whit or spring bank holiday Monday, always weekdays (New
      Year's Day became a bank holiday in 1974). A year with fewer means the seed does
      not cover it.
    Returns a row per problem.
#}

with

calendar as (select * from {{ ref('dim_dates') }}),

expected_days as (

    select
        cast(date_day as date) as date_day,
        expected_is_working_day,
        reason
    from (
        values
        ('2002-06-03', false, 'Golden Jubilee 2002'),
        ('2002-06-04', false, 'Spring bank holiday 2002 (moved)'),
        ('2002-05-27', true, 'normal spring bank holiday date 2002, moved'),
        ('2011-04-29', false, 'Royal Wedding 2011'),
        ('2012-06-04', false, 'Spring bank holiday 2012 (moved)'),
        ('2012-06-05', false, 'Diamond Jubilee 2012'),
        ('2012-05-28', true, 'normal spring bank holiday date 2012, moved'),
        ('2020-05-08', false, 'VE Day 75 (early May bank holiday moved)'),
        ('2020-05-04', true, 'normal early May bank holiday date 2020, moved'),
        ('2020-12-28', false, 'Boxing Day 2020 substitute'),
        ('2022-06-02', false, 'Spring bank holiday 2022 (moved)'),
        ('2022-06-03', false, 'Platinum Jubilee 2022'),
        ('2022-05-30', true, 'normal spring bank holiday date 2022, moved'),
        ('2022-09-19', false, 'State funeral of Queen Elizabeth II'),
        ('2023-05-08', false, 'Coronation of King Charles III'),
        ('2021-12-27', false, 'Christmas Day 2021 substitute'),
        ('2021-12-28', false, 'Boxing Day 2021 substitute')
    ) as expected_values (date_day, expected_is_working_day, reason)

),

day_problems as (

    select
        cast(expected_days.reason as {{ dbt.type_string() }}) as problem,
        expected_days.date_day,
        cast(null as integer) as calendar_year,
        cast(null as integer) as weekday_bank_holidays
    from expected_days
    left join calendar
        on expected_days.date_day = calendar.date_day
    where calendar.date_day is null
        or calendar.is_working_day <> expected_days.expected_is_working_day
        or calendar.is_bank_holiday = expected_days.expected_is_working_day

),

weekday_holidays_per_year as (

    select
        cast(extract(year from date_day) as integer) as calendar_year,
        cast(sum(case when is_bank_holiday and not is_weekend then 1 else 0 end) as integer) as weekday_bank_holidays
    from calendar
    group by extract(year from date_day)

),

year_problems as (

    select
        cast('unexpected number of weekday bank holidays in the year' as {{ dbt.type_string() }}) as problem,
        cast(null as date) as date_day,
        calendar_year,
        weekday_bank_holidays
    from weekday_holidays_per_year
    where (
        calendar_year >= 1978
        and weekday_bank_holidays <> case
            when calendar_year in (1981, 1999, 2002, 2011, 2012, 2023) then 9
            when calendar_year = 2022 then 10
            else 8
        end
    )
    or (calendar_year < 1978 and weekday_bank_holidays < 3)

),

final as (

    select * from day_problems
    union all
    select * from year_problems

)

select * from final
