{#
    SSDA903 social worker episodes (docs/contracts/returns.md "SSDA903"): one row per
    allocation of a social worker (ssd_involvements) to a child of the Header with an
    episode in the year, overlapping the year. A social worker is a professional whose job
    title is one of var social_worker_job_titles (int_workforce_professionals
    is_social_worker, as the caseload KPIs count them): personal advisers and family
    practitioners are not (starts on or before 31 March, not ended
    before 1 April). SW_DECOM and SW_DEC are the allocation's start and end; an end after 31
    March is blank (still allocated at the year end). SW_ID must be the worker's Social Work
    England registration number (SW...), which the landing extract does not hold, and
    SW_REASON a DfE code (MANAGE, FCONTA, ...), which ssd_involvements records as free
    text: both stay blank (meta unfilled) rather than being made up from other ids or text.
#}
-- The DfE's column names are quoted so that they stay upper case on every engine (PostgreSQL
-- folds an unquoted name to lower case).
-- noqa: disable=RF06

with

involvements as (select * from {{ ref('stg_ssd__involvements') }}),

professionals as (select * from {{ ref('int_workforce_professionals') }}),

episodes as (select * from {{ ref('rpt_ssda903__episodes') }}),

header as (select * from {{ ref('rpt_ssda903__header') }}),

return_years as (select * from {{ ref('int_return_years') }}),

social_worker_allocations as (

    select involvements.*
    from involvements
    inner join professionals
        on involvements.professional_id = professionals.professional_id
    where professionals.is_social_worker

),

looked_after_children as (

    select distinct child_key
    from episodes

),

final as (

    select
        return_years.collection_year,
        row_number() over (
            order by header."CHILD", involvements.involvement_start_date, involvements.involvement_id
        ) as return_row,
        header."CHILD",
        header."DOB",
        cast(null as {{ dbt.type_string() }}) as "SW_ID",
        involvements.involvement_start_date as "SW_DECOM",
        case
            when involvements.involvement_end_date <= return_years.year_end
                then involvements.involvement_end_date
        end as "SW_DEC",
        cast(null as {{ dbt.type_string() }}) as "SW_REASON",
        header.child_key,
        'ssd_involvements' as landing_table,
        involvements.landing_row_number
    from social_worker_allocations as involvements
    inner join looked_after_children
        on involvements.child_key = looked_after_children.child_key
    inner join header
        on involvements.child_key = header.child_key
    cross join return_years
    where involvements.involvement_start_date <= return_years.year_end
        and (
            involvements.involvement_end_date is null
            or involvements.involvement_end_date >= return_years.year_start
        )

)

select * from final
