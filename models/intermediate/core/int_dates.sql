{#
    The working-day calendar: one row per day from calendar_start_date() to
    calendar_end_date(), the years the bank-holiday seed covers.
    working_day_index counts the working days from the first calendar day up to
    and including date_day, so the working days w with d1 < w <= d2 number
    working_day_index(d2) - working_day_index(d1) (macro with_working_days, a join
    to this model).
#}

with

calendar_days as (

    {{ calendar_days(calendar_start_date(), calendar_end_date()) }}

),

bank_holidays as (

    select
        cast(holiday_date as date) as holiday_date,
        cast(holiday_name as {{ dbt.type_string() }}) as holiday_name
    from {{ ref('ref_bank_holidays') }}

),

bank_holiday_days as (

    select
        holiday_date,
        {{ dbt.listagg('holiday_name', "'; '", 'order by holiday_name') }} as bank_holiday_name
    from bank_holidays
    group by holiday_date

),

days_with_holidays as (

    select
        calendar_days.date_day,
        {{ iso_day_of_week('calendar_days.date_day') }} as day_of_week,
        bank_holiday_days.bank_holiday_name
    from calendar_days
    left join bank_holiday_days
        on calendar_days.date_day = bank_holiday_days.holiday_date

),

days_classified as (

    select
        date_day,
        day_of_week,
        day_of_week in (6, 7) as is_weekend,
        bank_holiday_name is not null as is_bank_holiday,
        bank_holiday_name,
        day_of_week not in (6, 7) and bank_holiday_name is null as is_working_day
    from days_with_holidays

),

final as (

    -- the columns of days_classified, then the running count of working days
    select
        *,
        cast(
            sum(case when is_working_day then 1 else 0 end)
                over (
                    order by date_day
                    rows between unbounded preceding and current row
                )
            as integer
        ) as working_day_index
    from days_classified

)

select * from final
