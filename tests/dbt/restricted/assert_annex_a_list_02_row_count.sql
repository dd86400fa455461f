-- Annex A List 2 has one row per early help episode open at some time in W6 (annex-a.md "Checks").
{% set expected %}
select count(*) as expected_rows
from {{ ref('stg_ssd__early_help_episodes') }} as episodes
cross join check_dates
where
    episodes.early_help_start_date <= check_dates.as_at_date
    and (episodes.early_help_end_date is null or episodes.early_help_end_date > check_dates.w6_start)
{% endset %}
{{ annex_a_row_count_check('rpt_annex_a__list_02_early_help', expected) }}
