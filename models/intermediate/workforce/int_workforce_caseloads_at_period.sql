-- One row per social worker and reporting period in which the worker holds at least one
-- involvement open at P (start <= P and (end is null or end > P): an involvement ending on P
-- is not open). Involvements of professionals missing from ssd_professionals, or without a
-- start date, are left out, and so are those of a worker whose FTE is out of range
-- (is_fte_out_of_range: the worker leaves caseload_average, reported by
-- csc_fte_out_of_range). Involvements are joined only to the periods they are open in.

with

reporting_periods as (

    select
        period_month,
        period_end
    from {{ ref('int_reporting_periods') }}

),

involvements as (

    select * from {{ ref('stg_ssd__involvements') }}
    where involvement_start_date is not null

),

professionals as (

    select * from {{ ref('int_workforce_professionals') }}
    where is_social_worker
        and is_fte_out_of_range is not true

),

open_involvements as (

    select
        involvements.professional_id,
        reporting_periods.period_month,
        reporting_periods.period_end,
        count(*) as open_involvement_count
    from involvements
    inner join reporting_periods
        on {{ is_open_at(
            'involvements.involvement_start_date',
            'involvements.involvement_end_date',
            'reporting_periods.period_end'
        ) }}
    group by involvements.professional_id, reporting_periods.period_month, reporting_periods.period_end

),

final as (

    select
        professionals.professional_id,
        open_involvements.period_month,
        open_involvements.period_end,
        open_involvements.open_involvement_count,
        coalesce(professionals.fte, 0) as fte,
        professionals.team_id,
        professionals.service
    from open_involvements
    inner join professionals
        on open_involvements.professional_id = professionals.professional_id

)

select * from final
