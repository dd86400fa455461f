{{ config(materialized='view', schema='test_fixtures', tags=['test_fixture']) }}

{#
    Fixture for the generic test unique_combination_of_columns.
    (team_id, period_month, worker_id) is unique; (team_id, period_month) is
    duplicated in 3 combinations: (T1, Jan) x3, (T2, Jan) x2, (null, Feb) x2.
#}

with

fixture_values as (

    select *
    from (
        values
        (1, 'T1', '2024-01-01', 'W1'),
        (2, 'T1', '2024-01-01', 'W2'),
        (3, 'T1', '2024-01-01', 'W3'),
        (4, 'T2', '2024-01-01', 'W1'),
        (5, 'T2', '2024-01-01', 'W2'),
        (6, 'T2', '2024-02-01', 'W1'),
        (7, null, '2024-02-01', 'W1'),
        (8, null, '2024-02-01', 'W2'),
        (9, 'T3', '2024-02-01', 'W1')
    ) as fixture_rows (fixture_row_id, team_id, period_month, worker_id)

),

final as (

    select
        cast(fixture_row_id as integer) as fixture_row_id,
        cast(team_id as {{ dbt.type_string() }}) as team_id,
        cast(period_month as date) as period_month,
        cast(worker_id as {{ dbt.type_string() }}) as worker_id
    from fixture_values

)

select * from final
