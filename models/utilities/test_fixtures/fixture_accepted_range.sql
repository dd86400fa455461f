{{ config(materialized='view', schema='test_fixtures', tags=['test_fixture']) }}

{#
    Fixture for the generic test accepted_range: scores 0, 5, 7, 10 and a null;
    event dates on both calendar bounds, inside, one day before the calendar,
    and a null.
#}

with

fixture_values as (

    select *
    from (
        values
        (1, 0, '1900-01-01'),
        (2, 5, '2010-06-15'),
        (3, 10, '2099-12-31'),
        (4, null, null),
        (5, 7, '1899-12-31')
    ) as fixture_rows (fixture_row_id, score, event_date)

),

final as (

    select
        cast(fixture_row_id as integer) as fixture_row_id,
        cast(score as integer) as score,
        cast(event_date as date) as event_date
    from fixture_values

)

select * from final
