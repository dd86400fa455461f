{#
    One row per child and period end P with a permanence plan at P (kpis-inspection.md
    "Permanence plan at P"): the ssd_cla_care_plan row open at P (start <= P, end null or
    after P); of several, the current record (latest start, then greatest id as text; macro
    current_record_at_period_end). Its selected codes are the plan; with no row open the
    plan is unknown (no row here). has_reunification_plan: the plan includes RETURN1M,
    RETURN6M or RETURNEV (our reading: REMAINSUP, remaining with the birth family with shared
    care, is not reunification).
#}

with

periods as (select * from {{ ref('int_reporting_periods') }}),

plans as (select * from {{ ref('stg_ssd__cla_care_plans') }}),

plan_codes as (select * from {{ ref('stg_ssd__cla_care_plan_codes') }}),

plans_at_period_end as (

    {{ current_record_at_period_end('plans', 'cla_care_plan_id', 'cla_care_plan_start_date', 'cla_care_plan_end_date') }}

),

reunification_plans as (

    select distinct cla_care_plan_id
    from plan_codes
    where permanence_plan_code in ('RETURN1M', 'RETURN6M', 'RETURNEV')

),

final as (

    select
        plans_at_period_end.child_key,
        plans_at_period_end.period_end,
        plans_at_period_end.cla_care_plan_id,
        reunification_plans.cla_care_plan_id is not null as has_reunification_plan
    from plans_at_period_end
    left join reunification_plans
        on plans_at_period_end.cla_care_plan_id = reunification_plans.cla_care_plan_id

)

select * from final
