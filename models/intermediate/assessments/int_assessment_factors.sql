{#
    The factors identified at the end of each authorised assessment (CIN census; ssd_assessment_factors
    through stg_ssd__assessment_factor_codes: long form unioned, code 21 dropped when with
    others, rows of unknown assessments not used), one row per assessment and breakdown value of
    `assessment_factor_share` (kpis-inspection.md "Front door"):
    - breakdown `factor`: each code, `unknown` for a code not in the list;
    - breakdown `factor_group`: each group of its codes (ref_assessment_factor_groups; a code
      may be in two, as 1B-4B make `parental_toxic_trio`), `unknown` for an unknown code;
    an assessment counts once per value. Only assessments with at least one known factor code
    are here (the KPI's population); has_factor_other_than_21 gives its `all` row.
#}

with

assessments as (select * from {{ ref('stg_ssd__cin_assessments') }}),

factor_codes as (select * from {{ ref('stg_ssd__assessment_factor_codes') }}),

factor_groups as (select * from {{ ref('ref_assessment_factor_groups') }}),

authorised_factors as (

    select
        factor_codes.assessment_id,
        assessments.assessment_auth_date,
        factor_codes.assessment_factor_code,
        coalesce(factor_codes.is_known_assessment_factor, false) as is_known_factor
    from factor_codes
    inner join assessments
        on factor_codes.assessment_id = assessments.assessment_id
    where assessments.assessment_auth_date is not null

),

population as (

    -- assessments with at least one known factor code
    select
        assessment_id,
        max(case when assessment_factor_code <> '21' then 1 else 0 end) = 1 as has_factor_other_than_21
    from authorised_factors
    group by assessment_id
    having max(case when is_known_factor then 1 else 0 end) = 1

),

breakdown_values as (

    select
        authorised_factors.assessment_id,
        authorised_factors.assessment_auth_date,
        'factor' as breakdown,
        case when authorised_factors.is_known_factor then authorised_factors.assessment_factor_code else 'unknown' end
            as breakdown_value
    from authorised_factors

    union

    select
        authorised_factors.assessment_id,
        authorised_factors.assessment_auth_date,
        'factor_group' as breakdown,
        case when authorised_factors.is_known_factor then factor_groups.factor_group else 'unknown' end
            as breakdown_value
    from authorised_factors
    left join factor_groups
        on authorised_factors.assessment_factor_code = factor_groups.factor_code

),

final as (

    select
        breakdown_values.assessment_id,
        breakdown_values.assessment_auth_date,
        breakdown_values.breakdown,
        coalesce(breakdown_values.breakdown_value, 'unknown') as breakdown_value,
        population.has_factor_other_than_21
    from breakdown_values
    inner join population
        on breakdown_values.assessment_id = population.assessment_id

)

select * from final
