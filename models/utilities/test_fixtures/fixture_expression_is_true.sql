{{ config(materialized='view', schema='test_fixtures', tags=['test_fixture']) }}

{#
    Fixture for the generic test expression_is_true.
    upper_value >= lower_value is false on rows 3 and 4 and null on row 5.
#}

with

fixture_values as (

    select *
    from (
        values
        (1, 1, 5),
        (2, 2, 2),
        (3, 3, 1),
        (4, 4, 0),
        (5, 5, null)
    ) as fixture_rows (fixture_row_id, lower_value, upper_value)

),

final as (

    select
        cast(fixture_row_id as integer) as fixture_row_id,
        cast(lower_value as integer) as lower_value,
        cast(upper_value as integer) as upper_value
    from fixture_values

)

select * from final
