{#
    CINPlanDates of the CIN census (docs/contracts/returns.md "CIN census"): one row per
    CIN plan of a CINdetails row of the year that was open at some time in the year, in
    file order (by child, episode, plan start).

    Cohort (rules 4010, 4013), with S = 1 April and A = the as-at date: a plan on a referral
    of the return that started on or before A and had not ended before S (ended on 31 March
    of the year before: left out; on 1 April: in). An end after A is not yet known at A: the
    plan is shown open.
#}
-- The DfE's element names are case-sensitive: quoted, so every engine keeps their case.
-- noqa: disable=RF06

with

return_years as (select * from {{ ref('int_return_years') }}),

cin_details as (select * from {{ ref('rpt_cin_census__cin_details') }}),

plans as (select * from {{ ref('stg_ssd__cin_plans') }}),

in_year as (
    {{ cin_census_modules_of_the_year(
        'plans', started='plans.cin_plan_start_date', finished='plans.cin_plan_end_date'
    ) }}
),

final as (
    select
        collection_year,
        row_number() over (
            order by cin_details_row, cin_plan_start_date, cin_plan_id
        ) as return_row,
        "LAchildID",
        "CINdetailsID",
        cin_plan_start_date as "CINPlanStartDate",
        case when cin_plan_end_date <= as_at_date then cin_plan_end_date end as "CINPlanEndDate",
        cin_plan_id,
        child_key,
        'ssd_cin_plans' as landing_table,
        landing_row_number
    from in_year
)

select * from final
