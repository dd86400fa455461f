with source as (select * from {{ ref('base_ssd__cin_plans') }}),

typed as (
    select
        {{ clean_text('cinp_cin_plan_id') }} as cin_plan_id,
        {{ clean_text('cinp_referral_id') }} as referral_id,
        {{ clean_text('cinp_person_id') }} as person_id,
        {{ pseudonymise('cinp_person_id') }} as child_key,
        {{ parse_date('cinp_cin_plan_start_date') }} as cin_plan_start_date,
        {{ parse_date('cinp_cin_plan_end_date') }} as cin_plan_end_date,
        {{ clean_text('cinp_cin_plan_team') }} as cin_plan_team_id,
        {{ clean_text('cinp_cin_plan_worker_id') }} as cin_plan_worker_id,
        {{ parse_errors('ssd', 'ssd_cin_plans') }} as parse_errors,
        source.landing_row_number
    from source
),

final as (
    {{ keep_first_per_key('typed', 'cin_plan_id') }}
)

select * from final
