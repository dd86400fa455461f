with source as (select * from {{ ref('base_ssd__involvements') }}),

typed as (
    select
        {{ clean_text('invo_involvements_id') }} as involvement_id,
        {{ clean_text('invo_professional_id') }} as professional_id,
        {{ clean_text('invo_professional_role_id') }} as professional_role_id,
        {{ clean_text('invo_professional_team') }} as team_id,
        {{ parse_date('invo_involvement_start_date') }} as involvement_start_date,
        {{ parse_date('invo_involvement_end_date') }} as involvement_end_date,
        {{ clean_text('invo_worker_change_reason') }} as worker_change_reason,
        {{ clean_text('invo_person_id') }} as person_id,
        {{ pseudonymise('invo_person_id') }} as child_key,
        {{ clean_text('invo_referral_id') }} as referral_id,
        {{ parse_errors('ssd', 'ssd_involvements') }} as parse_errors,
        source.landing_row_number
    from source
),

final as (
    {{ keep_first_per_key('typed', 'involvement_id') }}
)

select * from final
