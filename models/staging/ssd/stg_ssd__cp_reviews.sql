{#- A null review date is a planned review: kept, never counted as held (landing-inspection.md). -#}
with source as (select * from {{ ref('base_ssd__cp_reviews') }}),

typed as (
    select
        {{ clean_text('cppr_cp_review_id') }} as cp_review_id,
        {{ clean_text('cppr_person_id') }} as person_id,
        {{ pseudonymise('cppr_person_id') }} as child_key,
        {{ clean_text('cppr_cp_plan_id') }} as cp_plan_id,
        {{ parse_date('cppr_cp_review_due') }} as cp_review_due_date,
        {{ parse_date('cppr_cp_review_date') }} as cp_review_date,
        {{ clean_text('cppr_cp_review_meeting_id') }} as cp_review_meeting_id,
        {{ parse_flag('cppr_cp_review_outcome_continue_cp') }} as is_cp_plan_continued,
        {{ parse_flag('cppr_cp_review_quorate') }} as is_quorate,
        {{ map_code('cppr_cp_review_participation') }} as participation_code,
        {{ is_known_code('cppr_cp_review_participation') }} as is_known_participation,
        {{ parse_errors('ssd', 'ssd_cp_reviews') }} as parse_errors,
        source.landing_row_number
    from source
    {{ join_code_lookups({'cppr_cp_review_outcome_continue_cp': 'flag', 'cppr_cp_review_quorate': 'flag', 'cppr_cp_review_participation': 'review_participation'}) }}
),

final as (
    {{ keep_first_per_key('typed', 'cp_review_id') }}
)

select * from final
