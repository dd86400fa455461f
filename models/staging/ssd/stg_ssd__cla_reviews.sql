{#
    Reviews of looked-after children (landing-inspection.md "ssd_cla_reviews"). The child is
    clar_cla_person_id; when it is blank, the one person of the episodes (ssd_cla_episodes,
    rows kept on their id) whose clae_cla_id = clar_cla_id. person_source says which:
    `supplied`, `cla_id`, or, when the child cannot be known, `cla_id_not_found` (no episode
    has that cla id, or the cla id is blank) or `cla_id_ambiguous` (episodes of more than one
    person): then person_id and child_key are null, the row is reported
    (csc_cla_review_person_unknown) and not used. A cancelled review or one without a date was
    not held (is_cancelled, cla_review_date null) and never counts.
#}
with source as (select * from {{ ref('base_ssd__cla_reviews') }}),

episode_rows as (select * from {{ ref('base_ssd__cla_episodes') }}),

episodes_typed as (
    select
        {{ clean_text('clae_cla_episode_id') }} as cla_episode_id,
        {{ clean_text('clae_cla_id') }} as cla_id,
        {{ clean_text('clae_person_id') }} as person_id,
        landing_row_number
    from episode_rows
),

episodes as (
    {{ keep_first_per_key('episodes_typed', 'cla_episode_id') }}
),

cla_persons as (
    select
        cla_id,
        min(person_id) as person_id,
        count(distinct person_id) as persons
    from episodes
    where cla_id is not null and person_id is not null
    group by cla_id
),

typed as (
    select
        {{ clean_text('clar_cla_review_id') }} as cla_review_id,
        {{ clean_text('clar_cla_id') }} as cla_id,
        {{ clean_text('clar_cla_person_id') }} as supplied_person_id,
        {{ parse_date('clar_cla_review_due_date') }} as cla_review_due_date,
        {{ parse_date('clar_cla_review_date') }} as cla_review_date,
        coalesce({{ parse_flag('clar_cla_review_cancelled') }}, false) as is_cancelled,
        {{ map_code('clar_cla_review_participation') }} as participation_code,
        {{ is_known_code('clar_cla_review_participation') }} as is_known_participation,
        {{ parse_errors('ssd', 'ssd_cla_reviews') }} as parse_errors,
        source.landing_row_number
    from source
    {{ join_code_lookups({'clar_cla_review_cancelled': 'flag', 'clar_cla_review_participation': 'review_participation'}) }}
),

kept as (
    {{ keep_first_per_key('typed', 'cla_review_id') }}
),

resolved as (
    select
        kept.*,
        case
            when kept.supplied_person_id is not null then kept.supplied_person_id
            when cla_persons.persons = 1 then cla_persons.person_id
        end as person_id,
        case
            when kept.supplied_person_id is not null then 'supplied'
            when cla_persons.persons = 1 then 'cla_id'
            when cla_persons.persons > 1 then 'cla_id_ambiguous'
            else 'cla_id_not_found'
        end as person_source
    from kept
    left join cla_persons
        on kept.cla_id = cla_persons.cla_id
),

final as (
    select
        cla_review_id,
        cla_id,
        person_id,
        {{ pseudonymise('person_id') }} as child_key,
        person_source,
        cla_review_due_date,
        cla_review_date,
        is_cancelled,
        participation_code,
        is_known_participation,
        parse_errors,
        landing_row_number
    from resolved
)

select * from final
