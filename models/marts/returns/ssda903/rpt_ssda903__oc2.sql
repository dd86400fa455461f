{#
    SSDA903 OC2, children looked after continuously for 12 months at 31 March (docs/
    contracts/returns.md "SSDA903"): one row per child of the Header whose episodes of the
    year show them looked after all year, as the DfE's rules read it (lac_validator utils,
    after the DfE's 2021-22 validation rules 1.2): a child with an episode in the year is
    continuously looked after unless an episode of the year starts a period of care (RNE S)
    after 1 April, ends one (REC other than X1) from 1 April to 30 March, or has legal status
    V3 or V4 (short breaks). So a child who came into care on 1 April itself has 12 months at
    31 March, and one who left on 31 March itself still counts.

    HEALTH_ASSESSMENT and TEETH_CHECK are 1 when ssd_cla_health holds a COMPLETED health
    assessment or dental check dated in the year (1 April to 31 March), else 0. SDQ_SCORE,
    SDQ_REASON, CONVICTED, HEALTH_CHECK, IMMUNISATIONS, SUBSTANCE_MISUSE,
    INTERVENTION_RECEIVED and INTERVENTION_OFFERED are not in the landing extract and stay
    blank (meta unfilled; the DfE's rules 191, 543, 545 and others then flag the cohort).
#}
-- The DfE's column names are quoted so that they stay upper case on every engine (PostgreSQL
-- folds an unquoted name to lower case).
-- noqa: disable=RF06

with

return_years as (select * from {{ ref('int_return_years') }}),

header as (select * from {{ ref('rpt_ssda903__header') }}),

episodes as (select * from {{ ref('rpt_ssda903__episodes') }}),

health_checks as (select * from {{ ref('stg_ssd__cla_health_checks') }}),

episode_breaks as (

    select
        episodes.child_key,
        (episodes."RNE" = 'S' and episodes."DECOM" > return_years.year_start)
        or (
            coalesce(episodes."REC", '') <> 'X1'
            and episodes."DEC" >= return_years.year_start
            and episodes."DEC" < return_years.year_end
        )
        or coalesce(episodes."LS" in ('V3', 'V4'), false) as breaks_continuity
    from episodes
    cross join return_years

),

continuously_looked_after as (

    select child_key
    from episode_breaks
    group by child_key
    having not bool_or(coalesce(breaks_continuity, false))

),

checks_in_year as (

    select
        health_checks.child_key,
        bool_or(health_checks.health_check_type_code = 'HEALTH_ASSESSMENT') as has_health_assessment,
        bool_or(health_checks.health_check_type_code = 'DENTAL_CHECK') as has_dental_check
    from health_checks
    cross join return_years
    where health_checks.health_check_status_code = 'COMPLETED'
        and health_checks.health_check_date between return_years.year_start and return_years.year_end
    group by health_checks.child_key

),

final as (

    select
        return_years.collection_year,
        row_number() over (order by header."CHILD") as return_row,
        header."CHILD",
        header."DOB",
        cast(null as {{ dbt.type_string() }}) as "SDQ_SCORE",
        cast(null as {{ dbt.type_string() }}) as "SDQ_REASON",
        cast(null as {{ dbt.type_string() }}) as "CONVICTED",
        cast(null as {{ dbt.type_string() }}) as "HEALTH_CHECK",
        cast(null as {{ dbt.type_string() }}) as "IMMUNISATIONS",
        case when coalesce(checks_in_year.has_dental_check, false) then '1' else '0' end as "TEETH_CHECK",
        case when coalesce(checks_in_year.has_health_assessment, false) then '1' else '0' end as "HEALTH_ASSESSMENT",
        cast(null as {{ dbt.type_string() }}) as "SUBSTANCE_MISUSE",
        cast(null as {{ dbt.type_string() }}) as "INTERVENTION_RECEIVED",
        cast(null as {{ dbt.type_string() }}) as "INTERVENTION_OFFERED",
        header.child_key,
        header.landing_table,
        header.landing_row_number
    from continuously_looked_after
    cross join return_years
    inner join header
        on continuously_looked_after.child_key = header.child_key
    left join checks_in_year
        on continuously_looked_after.child_key = checks_in_year.child_key

)

select * from final
