-- Share of the children with a CIN plan open at the extract date by the service of the team
-- holding the plan: the monthly pack's "18% of children currently with a CIN plan are open to
-- the Disabled Children's Service". Open at D (macro is_open_at): start <= D and (no end or
-- end > D). A child with open plans in two services counts once in each; the share is of all
-- children with an open plan, so shares can add up to more than 100%.
-- Run: dbt compile --select cin_children_by_service_at_extract, or `dbt show --select` it.

with open_plans as (
    {{ cin_plans_open_at_extract() }}
),

all_children as (
    select count(distinct child_key) as children_with_open_plan
    from open_plans
),

by_service as (
    select
        service,
        count(distinct child_key) as children
    from open_plans
    group by service
),

final as (
    select
        by_service.service,
        by_service.children,
        all_children.children_with_open_plan,
        round(100.0 * by_service.children / all_children.children_with_open_plan, 1) as percent_of_children
    from by_service
    cross join all_children
)

select * from final
order by children desc
