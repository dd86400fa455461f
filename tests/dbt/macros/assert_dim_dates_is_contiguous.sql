{#
    dim_dates has exactly one row per day from calendar_start_date() to
    calendar_end_date(), and working_day_index grows by 1 on each working day
    and by 0 on any other day (0 or 1 on the first day). Returns a row per
    problem.
#}

with

calendar as (select * from {{ ref('dim_dates') }}),

calendar_extent as (

    select
        count(*) as day_count,
        count(distinct date_day) as distinct_day_count,
        min(date_day) as first_day,
        max(date_day) as last_day
    from calendar

),

extent_problems as (

    select
        cast('calendar extent' as {{ dbt.type_string() }}) as problem,
        cast(null as date) as date_day
    from calendar_extent
    where first_day <> {{ calendar_start_date() }}
        or last_day <> {{ calendar_end_date() }}
        or day_count <> distinct_day_count
        or day_count <> {{ dbt.datediff(calendar_start_date(), calendar_end_date(), 'day') }} + 1

),

index_steps as (

    select
        date_day,
        is_working_day,
        working_day_index,
        working_day_index - coalesce(
            lag(working_day_index) over (order by date_day),
            0
        ) as index_step
    from calendar

),

index_problems as (

    select
        cast('working_day_index step' as {{ dbt.type_string() }}) as problem,
        date_day
    from index_steps
    where index_step <> case when is_working_day then 1 else 0 end

),

final as (

    select * from extent_problems
    union all
    select * from index_problems

)

select * from final
