{#
    The working-day calendar as published: the rows and columns of int_dates, where
    the calendar is built (see it for the rule).
#}
with dates as (select * from {{ ref('int_dates') }}),

final as (
    select
        date_day,
        day_of_week,
        is_weekend,
        is_bank_holiday,
        bank_holiday_name,
        is_working_day,
        working_day_index
    from dates
)

select * from final
