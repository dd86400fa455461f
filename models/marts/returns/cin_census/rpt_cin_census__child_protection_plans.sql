{#
    ChildProtectionPlans of the CIN census (docs/contracts/returns.md "CIN census"): one
    row per child protection plan of a CINdetails row of the year that was open at some
    time in the year, in file order (by child, episode, plan start).

    Cohort (rules 8720, 8930), with S = 1 April and A = the as-at date: a plan on a referral
    of the return that started on or before A and had not ended before S (ended on 31 March
    of the year before: left out; on 1 April: in). An end after A is not yet known at A: the
    plan is shown open.

    - NumberOfPreviousCPP: the child's plans in the extract that started before this one
      (any year, any referral; same-day plans are not earlier). Plans with other
      authorities are not in the landing data, so this can be lower than the DfE's count.
    - The categories of abuse are the plan's initial and latest as the extract holds them.
    - Reviews (CPPreviewDate) are not in the landing data (meta unfilled).
    CPPID numbers the plans of each episode 1, 2, ... as the DfE engine does on reading; it
    is not written to the file.
#}
-- The DfE's element names are case-sensitive: quoted, so every engine keeps their case.
-- noqa: disable=RF06

with

return_years as (select * from {{ ref('int_return_years') }}),

cin_details as (select * from {{ ref('rpt_cin_census__cin_details') }}),

plans as (select * from {{ ref('stg_ssd__cp_plans') }}),

previous_plans as (
    select
        plan.cp_plan_id,
        count(earlier.cp_plan_id) as previous_plan_count
    from plans as plan
    left join plans as earlier
        on
        plan.child_key = earlier.child_key
        and plan.cp_plan_start_date > earlier.cp_plan_start_date
    group by plan.cp_plan_id
),

in_year as (
    {{ cin_census_modules_of_the_year(
        'plans', started='plans.cp_plan_start_date', finished='plans.cp_plan_end_date'
    ) }}
),

final as (
    select
        in_year.collection_year,
        row_number() over (
            order by in_year.cin_details_row, in_year.cp_plan_start_date, in_year.cp_plan_id
        ) as return_row,
        in_year."LAchildID",
        in_year."CINdetailsID",
        row_number() over (
            partition by in_year.cin_details_row
            order by in_year.cp_plan_start_date, in_year.cp_plan_id
        ) as "CPPID",
        in_year.cp_plan_start_date as "CPPstartDate",
        case when in_year.cp_plan_end_date <= in_year.as_at_date then in_year.cp_plan_end_date end as "CPPendDate",
        in_year.initial_category_code as "InitialCategoryOfAbuse",
        in_year.latest_category_code as "LatestCategoryOfAbuse",
        previous_plans.previous_plan_count as "NumberOfPreviousCPP",
        in_year.cp_plan_id,
        in_year.child_key,
        'ssd_cp_plans' as landing_table,
        in_year.landing_row_number
    from in_year
    left join previous_plans
        on in_year.cp_plan_id = previous_plans.cp_plan_id
)

select * from final
