-- Care leavers KPIs (kpis.md, "Care leavers") for every reporting period. The cohort at P is
-- the rows of one extract, the greatest extract_date on or before P in the whole store (not
-- each person's latest row), with eligibility RELEVANT or FORMER_RELEVANT and age 17 to 21 at
-- P (from the date of birth in staging: a young person missing from the current ssd_person,
-- or without a date of birth, is left out). Each extract is joined only to the periods it is
-- the cohort source for. Each young person of the cohort is a unit of every care-leaver KPI;
-- kpi_values_from_units sums them and gives 0/0 to a period without a cohort. Age band
-- (kpis-inspection.md): `17_18` for age 17 or 18 at P, `19_21` for 19 to 21 (the DfE bands
-- by age at the birthday in the year; we band by age at P).

{%- set review_months = var('pathway_plan_review_months') %}

with

{{ kpi_periods('care_leavers') }},

states as (select * from {{ ref('int_care_leaver_states') }}),

persons as (select * from {{ ref('stg_ssd__persons') }}),

cohort as (

    select
        periods.period_end,
        states.child_key,
        states.is_in_touch,
        states.is_suitably_accommodated,
        states.is_in_education_employment_or_training,
        coalesce(
            states.pathway_plan_review_date
            > cast({{ dbt.dateadd('month', -review_months, 'periods.period_end') }} as date)
            and states.pathway_plan_review_date <= periods.period_end,
            false
        ) as has_current_pathway_plan,
        states.has_personal_adviser,
        case
            when {{ age_at('persons.birth_date', 'periods.period_end') }} <= 18 then '17_18'
            else '19_21'
        end as age_band
    from states
    inner join periods
        on {{ is_open_at('states.extract_date', 'states.next_extract_date', 'periods.period_end') }}
    left join persons
        on states.child_key = persons.child_key
    where states.is_relevant_or_former_relevant
        and {{ age_at('persons.birth_date', 'periods.period_end') }} between 17 and 21

),

cohort_in_kpis as (

    {{ kpi_rows('cohort', [
        'care_leavers_in_touch',
        'care_leavers_suitable_accommodation',
        'care_leavers_eet',
        'care_leavers_pathway_plan_current',
        'care_leavers_with_pa',
    ]) }}

),

units as (

    select
        kpi_id,
        period_end,
        case
            when
                case kpi_id
                    when 'care_leavers_in_touch' then is_in_touch
                    when 'care_leavers_suitable_accommodation' then is_suitably_accommodated
                    when 'care_leavers_eet' then is_in_education_employment_or_training
                    when 'care_leavers_pathway_plan_current' then has_current_pathway_plan
                    when 'care_leavers_with_pa' then has_personal_adviser
                end
                then 1
            else 0
        end as numerator,
        1 as denominator,
        age_band
    from cohort_in_kpis

),

{{ kpi_values_from_units(['age_band']) }}

select * from final
