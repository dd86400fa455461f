{#
    One row per CP plan with its team (the team of the ICPC it links to through the
    plan's icpc id, else unknown), the reporting category of abuse, the repeat-plan flag
    and the seen visits matched to it.

    - Category: the latest category when one is recorded, else the initial category;
      a recorded value that is not a canonical code is `unknown` (kpis.md reads "the
      latest category ..., else its initial category, else unknown"; we read "else" as
      "when not recorded", so an unrecognised latest category does not fall back).
    - Repeat plan (DfE "second or subsequent"): the child (same person id) has another
      CP plan with an earlier start date (same-day plans are not earlier). With var
      `repeat_cp_lookback_years` null (default, "ever") the earlier plan counts whether
      or not it has ended; with N, the earlier plan's end date must lie in
      [start - interval N years, start].
    - Length when ended (DfE D7 bands, kpis-inspection.md `cp_plans_ended_by_length`),
      counted forward from the start S to the end E, first match wins: `2y_plus` when
      E >= S + interval 2 years, else `1y_to_2y` when E >= S + interval 1 year, else
      `6m_to_1y` when E > S + interval 6 months, else `3m_to_6m` when E > S + interval 3
      months, else `up_to_3m`; null while the plan is open. "Lasted two years" (DfE,
      `cp_plans_ended_2y_plus`) is the `2y_plus` band.
#}

{%- set lookback_years = var('repeat_cp_lookback_years') -%}

with

plans as (select * from {{ ref('stg_ssd__cp_plans') }}),

icpcs as (select * from {{ ref('stg_ssd__initial_cp_conferences') }}),

visits as (select * from {{ ref('int_cp_visits_matched') }}),

teams as (select * from {{ ref('int_teams') }}),

earlier_plans as (

    -- a child has few plans, so the self-join stays small
    select
        plan.cp_plan_id,
        max(earlier.cp_plan_start_date) as previous_plan_start_date,
        count(*) as earlier_plan_count
    from plans as plan
    inner join plans as earlier
        on
        plan.child_key = earlier.child_key
        and plan.cp_plan_id <> earlier.cp_plan_id
        and plan.cp_plan_start_date > earlier.cp_plan_start_date
    {%- if lookback_years is not none %}
            and earlier.cp_plan_end_date
            >= cast({{ dbt.dateadd('year', -1 * (lookback_years | int), 'plan.cp_plan_start_date') }} as date)
            and earlier.cp_plan_end_date <= plan.cp_plan_start_date
            {%- endif %}
    group by plan.cp_plan_id

),

seen_visits_in_plan as (

    {{ seen_visits_per_plan('visits', 'cp_plan', 'cp_visit_date') }}

),

flagged as (

    select
        plans.cp_plan_id,
        plans.referral_id,
        plans.icpc_id,
        plans.child_key,
        plans.cp_plan_start_date,
        plans.cp_plan_end_date,
        plans.initial_category_code,
        plans.latest_category_code,
        case
            when plans.latest_category_code is not null
                then
                    case
                        when plans.is_known_latest_category then plans.latest_category_code
                        else 'unknown'
                    end
            when plans.is_known_initial_category then plans.initial_category_code
            else 'unknown'
        end as category_of_abuse,
        coalesce(earlier_plans.earlier_plan_count, 0) > 0 as is_repeat_plan,
        earlier_plans.previous_plan_start_date,
        case
            when plans.cp_plan_end_date is null then null
            when plans.cp_plan_end_date >= cast({{ dbt.dateadd('year', 2, 'plans.cp_plan_start_date') }} as date)
                then '2y_plus'
            when plans.cp_plan_end_date >= cast({{ dbt.dateadd('year', 1, 'plans.cp_plan_start_date') }} as date)
                then '1y_to_2y'
            when plans.cp_plan_end_date > cast({{ dbt.dateadd('month', 6, 'plans.cp_plan_start_date') }} as date)
                then '6m_to_1y'
            when plans.cp_plan_end_date > cast({{ dbt.dateadd('month', 3, 'plans.cp_plan_start_date') }} as date)
                then '3m_to_6m'
            else 'up_to_3m'
        end as ended_duration_band,
        {{ team_attributes('icpcs.icpc_team_id') }},
        seen_visits_in_plan.last_seen_visit_date,
        coalesce(seen_visits_in_plan.seen_visit_count, 0) as seen_visit_count
    from plans
    left join earlier_plans
        on plans.cp_plan_id = earlier_plans.cp_plan_id
    left join icpcs
        on plans.icpc_id = icpcs.icpc_id
    left join teams
        on icpcs.icpc_team_id = teams.team_id
    left join seen_visits_in_plan
        on plans.cp_plan_id = seen_visits_in_plan.cp_plan_id

),

final as (

    select
        *,
        coalesce(ended_duration_band = '2y_plus', false) as has_lasted_2y_plus
    from flagged

)

select * from final
