{#
    age_at on hand-checked examples (kpis.md "Age at D"). Returns the examples
    whose result differs from the expected age.
#}

with

examples as (

    select
        example,
        cast(birth_date as date) as birth_date,
        cast(at_date as date) as at_date,
        expected_age
    from (
        values
        ('born 29 Feb 2008, on 28 Feb of a common year', '2008-02-29', '2021-02-28', 12),
        ('born 29 Feb 2008, on 1 Mar of a common year', '2008-02-29', '2021-03-01', 13),
        ('born 29 Feb 2008, on 28 Feb of a leap year', '2008-02-29', '2020-02-28', 11),
        ('born 29 Feb 2008, on 29 Feb of a leap year', '2008-02-29', '2020-02-29', 12),
        ('day before the birthday', '2005-06-15', '2021-06-14', 15),
        ('on the birthday', '2005-06-15', '2021-06-15', 16),
        ('day after the birthday', '2005-06-15', '2021-06-16', 16),
        ('earlier month, later day of month', '2005-06-15', '2021-05-20', 15),
        ('later month, earlier day of month', '2005-06-15', '2021-07-01', 16),
        ('born 31 Dec, on 1 Jan', '2005-12-31', '2021-01-01', 15),
        ('on the day of birth', '2021-06-15', '2021-06-15', 0),
        ('the day before birth is negative', '2021-06-15', '2021-06-14', -1),
        ('null birth date', null, '2021-06-15', null),
        ('null date', '2005-06-15', null, null)
    ) as example_values (example, birth_date, at_date, expected_age)

),

results as (

    select
        example,
        birth_date,
        at_date,
        expected_age,
        {{ age_at('birth_date', 'at_date') }} as actual_age
    from examples

),

final as (

    select *
    from results
    where actual_age is distinct from expected_age

)

select * from final
