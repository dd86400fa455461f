-- Care leavers KPIs (kpis.md, "Care leavers") for every reporting period. The cohort at P is
-- the rows of one extract, the greatest extract_date on or before P in the whole store (not
-- each person's latest row), with eligibility RELEVANT or FORMER_RELEVANT and age 17 to 21 at
-- P (from the date of birth in staging: a young person missing from the current ssd_person,
-- or without a date of birth, is left out). Each extract is joined only to the periods it is
-- the cohort source for.

{%- set review_months = var('pathway_plan_review_months') %}

with

reporting_periods as (

    select
        period_month,
        period_end,
        cast({{ dbt.dateadd('month', -review_months, 'period_end') }} as date)
            as pathway_plan_window_start_date
    from {{ ref('dim_reporting_periods') }}

),

states as (

    select * from {{ ref('int_care_leaver_states') }}

),

persons as (

    select * from {{ ref('stg_ssd__persons') }}

),

kpi_ids as (

    select 'care_leavers_in_touch' as kpi_id
    union all select 'care_leavers_suitable_accommodation'
    union all select 'care_leavers_eet'
    union all select 'care_leavers_pathway_plan_current'
    union all select 'care_leavers_with_pa'

),

cohort as (

    select
        reporting_periods.period_month,
        reporting_periods.period_end,
        states.child_key,
        states.is_in_touch,
        states.is_suitably_accommodated,
        states.is_in_education_employment_or_training,
        coalesce(
            states.pathway_plan_review_date > reporting_periods.pathway_plan_window_start_date
            and states.pathway_plan_review_date <= reporting_periods.period_end,
            false
        ) as has_current_pathway_plan,
        states.has_personal_adviser
    from states
    inner join reporting_periods
        on states.extract_date <= reporting_periods.period_end
        and coalesce(states.next_extract_date, cast('9999-12-31' as date)) > reporting_periods.period_end
    left join persons
        on states.child_key = persons.child_key
    where states.is_relevant_or_former_relevant
        and {{ age_at('persons.birth_date', 'reporting_periods.period_end') }} between 17 and 21

),

cohort_counts as (

    select
        period_end,
        count(*) as cohort_size,
        sum(case when is_in_touch then 1 else 0 end) as in_touch,
        sum(case when is_suitably_accommodated then 1 else 0 end) as suitably_accommodated,
        sum(case when is_in_education_employment_or_training then 1 else 0 end) as in_eet,
        sum(case when has_current_pathway_plan then 1 else 0 end) as current_pathway_plan,
        sum(case when has_personal_adviser then 1 else 0 end) as with_personal_adviser
    from cohort
    group by period_end

),

final as (

    select
        kpi_ids.kpi_id,
        reporting_periods.period_month,
        reporting_periods.period_end,
        'all' as breakdown,
        'all' as breakdown_value,
        cast(coalesce(
            case kpi_ids.kpi_id
                when 'care_leavers_in_touch' then cohort_counts.in_touch
                when 'care_leavers_suitable_accommodation' then cohort_counts.suitably_accommodated
                when 'care_leavers_eet' then cohort_counts.in_eet
                when 'care_leavers_pathway_plan_current' then cohort_counts.current_pathway_plan
                when 'care_leavers_with_pa' then cohort_counts.with_personal_adviser
            end,
            0
        ) as double) as numerator,
        cast(coalesce(cohort_counts.cohort_size, 0) as double) as denominator
    from reporting_periods
    cross join kpi_ids
    left join cohort_counts
        on reporting_periods.period_end = cohort_counts.period_end

)

select * from final
