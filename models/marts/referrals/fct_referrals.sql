with

referrals as (

    select * from {{ ref('int_referrals_sequenced') }}

),

final as (

    select
        cast(referral_id as varchar) as referral_id,
        cast(child_key as varchar) as child_key,
        cast(referral_date as date) as referral_date,
        cast(referral_source_code as varchar) as referral_source_code,
        cast(is_known_referral_source as boolean) as is_known_referral_source,
        cast(primary_need_code as varchar) as primary_need_code,
        cast(is_known_primary_need as boolean) as is_known_primary_need,
        cast(is_referral_nfa as boolean) as is_referral_nfa,
        cast(close_date as date) as close_date,
        cast(close_reason_code as varchar) as close_reason_code,
        cast(team_id as varchar) as team_id,
        cast(locality as varchar) as locality,
        cast(service as varchar) as service,
        cast(previous_referral_date as date) as previous_referral_date,
        cast(is_re_referral as boolean) as is_re_referral
    from referrals

)

select * from final
