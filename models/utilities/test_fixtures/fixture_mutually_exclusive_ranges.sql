{{ config(materialized='view', schema='test_fixtures', tags=['test_fixture']) }}

{#
    Fixture for the generic test mutually_exclusive_ranges: ranges
    [start_date, end_date) per child_id; a null end_date is open-ended.
    scenario 'valid' (children A, B): touching ranges, a zero-length range on a
    boundary, an open-ended last range, and an overlap across children only.
    scenario 'invalid': 5 bad ranges with zero-length ranges allowed
      C: [01-05, 01-20) overlaps [01-01, 01-10)
      D: [2024-06-01, 07-01) overlaps the open-ended [2023-01-01, null)
      E: upper bound before lower bound; null lower bound
      F: an exact duplicate of a range
    plus, when zero-length ranges are not allowed, rows 3 (A) and 8 (C).
#}

with

fixture_values as (

    select *
    from (
        values
        (1, 'valid', 'A', '2024-01-01', '2024-02-01'),
        (2, 'valid', 'A', '2024-02-01', '2024-03-01'),
        (3, 'valid', 'A', '2024-03-01', '2024-03-01'),
        (4, 'valid', 'A', '2024-03-01', null),
        (5, 'valid', 'B', '2024-01-15', '2024-04-01'),
        (6, 'invalid', 'C', '2024-01-01', '2024-01-10'),
        (7, 'invalid', 'C', '2024-01-05', '2024-01-20'),
        (8, 'invalid', 'C', '2024-01-12', '2024-01-12'),
        (9, 'invalid', 'D', '2023-01-01', null),
        (10, 'invalid', 'D', '2024-06-01', '2024-07-01'),
        (11, 'invalid', 'E', '2024-02-10', '2024-02-05'),
        (12, 'invalid', 'E', null, '2024-01-01'),
        (13, 'invalid', 'F', '2024-01-01', '2024-02-01'),
        (14, 'invalid', 'F', '2024-01-01', '2024-02-01')
    ) as fixture_rows (fixture_row_id, scenario, child_id, start_date, end_date)

),

final as (

    select
        cast(fixture_row_id as integer) as fixture_row_id,
        cast(scenario as {{ dbt.type_string() }}) as scenario,
        cast(child_id as {{ dbt.type_string() }}) as child_id,
        cast(start_date as date) as start_date,
        cast(end_date as date) as end_date
    from fixture_values

)

select * from final
