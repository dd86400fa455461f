-- Children with a CIN plan open at the extract date, by how long their current plan has been
-- open: the monthly pack's "N children have had a CIN plan for over 2 years and M for between
-- 1 and 2 years". Open at D follows the KPI contract (macro is_open_at): start <= D and (no
-- end or end > D).
-- A child with two open plans is counted once, under the longest-open plan.
-- Run: dbt compile --select cin_plan_durations_at_extract, then run the compiled SQL
-- (target/compiled/.../analyses/) against the warehouse, or `dbt show --select` it.

with open_plans as (
    select
        child_key,
        min(cin_plan_start_date) as earliest_open_start_date,
        extract_date
    from ({{ cin_plans_open_at_extract() }}) as plans_open_at_extract
    group by child_key, extract_date
),

banded as (
    select
        child_key,
        case
            when earliest_open_start_date <= {{ dbt.dateadd('year', -2, 'extract_date') }} then '3. over 2 years'
            when earliest_open_start_date <= {{ dbt.dateadd('year', -1, 'extract_date') }} then '2. 1 to 2 years'
            else '1. under 1 year'
        end as duration_band
    from open_plans
),

final as (
    select
        duration_band,
        count(*) as children
    from banded
    group by duration_band
)

select * from final
order by duration_band
