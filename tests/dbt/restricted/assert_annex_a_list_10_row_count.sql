-- Annex A List 10 has one row per permanence row with an ADM decision on or before R and an
-- adoption order or a reversal in W12, or neither on or before R (annex-a.md "Checks").
{% set expected %}
select count(*) as expected_rows
from {{ ref('stg_ssd__permanence') }} as permanence
cross join check_dates
where
    permanence.adoption_decision_date <= check_dates.as_at_date
    and (
        ({{ annex_a_check_dated_in('permanence.adoption_order_date', 'w12') }})
        or ({{ annex_a_check_dated_in('permanence.decision_reversed_date', 'w12') }})
        or ((permanence.adoption_order_date is null or permanence.adoption_order_date > check_dates.as_at_date)
            and (permanence.decision_reversed_date is null
                or permanence.decision_reversed_date > check_dates.as_at_date))
    )
{% endset %}
{{ annex_a_row_count_check('rpt_annex_a__list_10_adoption', expected) }}
