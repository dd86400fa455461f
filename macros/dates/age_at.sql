{#
    Age in whole years at a date (kpis.md "Age at D"): year(at_date) -
    year(birth_date), minus 1 when at_date's (month, day) is before the birth
    date's (month, day). Someone born on 29 February is still the younger age on
    28 February of a common year and turns a year older on 1 March.

    Returns an integer SQL expression; null when either date is null; negative
    when at_date is before the birth year's birthday (at_date before birth).
    Plain SQL (extract), so it runs on any engine.
#}
{% macro age_at(birth_date, at_date) -%}
    cast(
        extract(year from {{ at_date }})
        - extract(year from {{ birth_date }})
        - case
            when extract(month from {{ at_date }}) < extract(month from {{ birth_date }})
                then 1
            when extract(month from {{ at_date }}) = extract(month from {{ birth_date }})
                and extract(day from {{ at_date }}) < extract(day from {{ birth_date }})
                then 1
            else 0
        end
        as integer
    )
{%- endmacro %}
