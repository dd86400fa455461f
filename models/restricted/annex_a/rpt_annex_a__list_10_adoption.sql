{#
    Annex A List 10, adoption (docs/contracts/annex-a.md "List 10"): the ssd_permanence rows
    with an ADM decision on or before R and any of an adoption order dated in W12, a decision
    reversed in W12, or neither an adoption order nor a reversal on or before R (still
    waiting); one row per permanence row.
    - Family identifier: blank (the SSD holds no adoptive-family id), after Child Unique ID;
    - Date the Child Entered Care: the start of the child's period of care open at the ADM
      decision date, else of the latest one started before it;
    - Date of Adoption Order: the permanence order date when its type is blank or ADOPTION;
    - every milestone dated after R is blank. Without ssd_permanence the list is header-only.
#}

with

permanence as (select * from {{ ref('stg_ssd__permanence') }}),

periods as (select * from {{ ref('int_cla_periods_of_care') }}),

children as (select * from {{ ref('int_annex_a__children') }}),

parameters as (select * from {{ ref('int_annex_a__parameters') }}),

in_list as (
    select permanence.*
    from permanence
    cross join parameters
    where
        permanence.adoption_decision_date <= parameters.as_at_date
        and (
            (
                permanence.adoption_order_date > parameters.w12_start
                and permanence.adoption_order_date <= parameters.as_at_date
            )
            or (
                permanence.decision_reversed_date > parameters.w12_start
                and permanence.decision_reversed_date <= parameters.as_at_date
            )
            or (
                coalesce(permanence.adoption_order_date > parameters.as_at_date, true)
                and coalesce(permanence.decision_reversed_date > parameters.as_at_date, true)
            )
        )
),

periods_at_decision as (
    select
        in_list.permanence_id,
        periods.period_start_date,
        -- the period open at the decision date first, then the latest started before it
        row_number() over (
            partition by in_list.permanence_id
            order by
                case
                    when {{ is_open_at('periods.period_start_date', 'periods.period_end_date',
                                       'in_list.adoption_decision_date') }} then 0
                    else 1
                end,
                periods.period_start_date desc,
                periods.period_of_care_id desc
        ) as period_rank
    from in_list
    inner join periods
        on
        in_list.child_key = periods.child_key
        and in_list.adoption_decision_date >= periods.period_start_date
),

final as (
    select
        {{ annex_a_common_columns('in_list.person_id',
                                  after_child_id='cast(null as ' ~ dbt.type_string() ~ ') as family_identifier') }},
        periods_at_decision.period_start_date as entered_care_date,
        in_list.adoption_decision_date,
        {%- for milestone in ['placement_order_date', 'matched_date', 'placed_for_adoption_date',
                              'adoption_order_date', 'decision_reversed_date'] %}
        {{ annex_a_by_r('in_list.' ~ milestone) }} as {{ milestone }},
        {%- endfor %}
        {{ annex_a_by_r(
            'in_list.decision_reversed_date',
            annex_a_label('decision_reversed_reason', 'in_list.decision_reversed_reason_code')
        ) }} as decision_reversed_reason,
        {{ annex_a_by_r('in_list.placed_ffa_cp_date') }} as placed_ffa_cp_date,
        in_list.permanence_id as source_id
    from in_list
    cross join parameters
    left join children
        on in_list.person_id = children.person_id
    left join periods_at_decision
        on
        in_list.permanence_id = periods_at_decision.permanence_id
        and periods_at_decision.period_rank = 1
)

select * from final
