{#
    The allocated team and worker of a child at R for Annex A lists 6-8
    (docs/contracts/annex-a.md "List 6"), one row per person with an involvement: the child's
    ssd_involvements row open at R (the current-record rule: latest start, then greatest id),
    else the latest one ending in W6 (latest end, then start, then id). A child with neither
    has no row; the lists then use the record's own team and worker.
#}

with

involvements as (select * from {{ ref('stg_ssd__involvements') }}),

parameters as (select * from {{ ref('int_annex_a__parameters') }}),

candidates as (
    select
        involvements.person_id,
        involvements.team_id,
        involvements.professional_id,
        case
            when {{ is_open_at('involvements.involvement_start_date', 'involvements.involvement_end_date',
                               'parameters.as_at_date') }} then 0
            else 1
        end as preference,
        involvements.involvement_start_date,
        involvements.involvement_end_date,
        involvements.involvement_id
    from involvements
    cross join parameters
    where
        involvements.person_id is not null
        and (
            {{ is_open_at('involvements.involvement_start_date', 'involvements.involvement_end_date',
                          'parameters.as_at_date') }}
            or (
                involvements.involvement_end_date > parameters.w6_start
                and involvements.involvement_end_date <= parameters.as_at_date
                and involvements.involvement_start_date <= involvements.involvement_end_date
            )
        )
),

ranked as (
    select
        *,
        row_number() over (
            partition by person_id
            order by
                preference asc,
                involvement_end_date desc,
                involvement_start_date desc,
                cast(involvement_id as {{ dbt.type_string() }}) desc
        ) as allocation_rank
    from candidates
),

final as (
    select
        person_id,
        team_id,
        professional_id as worker_id,
        involvement_id
    from ranked
    where allocation_rank = 1
)

select * from final
