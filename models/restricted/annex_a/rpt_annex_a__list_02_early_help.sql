{#
    Annex A List 2, early help (docs/contracts/annex-a.md "List 2"): the early help episodes
    open at some time in W6 (start on or before R; end null or after R - 6 months), one row
    per episode. Assumption of the contract: the SSD has episodes, not assessments, so an
    episode stands for an assessment; its completion date is the episode's end, blank while
    open at R. Without ssd_early_help_episodes the list is header-only (rpt_annex_a__notes).
#}

with

episodes as (select * from {{ ref('stg_ssd__early_help_episodes') }}),

children as (select * from {{ ref('int_annex_a__children') }}),

parameters as (select * from {{ ref('int_annex_a__parameters') }}),

final as (
    select
        {{ annex_a_common_columns('episodes.person_id', with_disability=false) }},
        episodes.early_help_start_date as assessment_start_date,
        {{ annex_a_by_r('episodes.early_help_end_date') }} as assessment_completion_date,
        episodes.early_help_organisation as assessment_organisation,
        episodes.early_help_episode_id as source_id
    from episodes
    cross join parameters
    left join children
        on episodes.person_id = children.person_id
    where {{ is_open_during('episodes.early_help_start_date', 'episodes.early_help_end_date',
                            'parameters.w6_start', 'parameters.as_at_date') }}
)

select * from final
