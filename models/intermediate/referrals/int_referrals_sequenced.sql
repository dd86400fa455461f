{#
    One row per referral, sequenced within the child's referral history:
    the previous referral date and the re-referral flag (kpis.md, `rereferral_rate`),
    with the locality and service of the referral team.
#}

with

referrals as (select * from {{ ref('stg_ssd__cin_episodes') }}),

teams as (select * from {{ ref('int_teams') }}),

earlier_referrals as (

    -- every earlier referral of the same person: a child has few referrals, so the
    -- self-join stays small; same-day referrals are not earlier (strict <)
    select
        referral.referral_id,
        max(earlier.referral_date) as previous_referral_date,
        max(
            case
                when earlier.referral_date
                    >= cast({{ dbt.dateadd('month', -12, 'referral.referral_date') }} as date)
                    then 1
                else 0
            end
        ) as has_referral_in_previous_12_months
    from referrals as referral
    inner join referrals as earlier
        on
        referral.child_key = earlier.child_key
        and referral.referral_id <> earlier.referral_id
        and referral.referral_date > earlier.referral_date
    group by referral.referral_id

),

final as (

    select
        referrals.referral_id,
        referrals.child_key,
        referrals.referral_date,
        referrals.referral_source_code,
        coalesce(referrals.is_known_referral_source, false) as is_known_referral_source,
        referrals.primary_need_code,
        coalesce(referrals.is_known_primary_need, false) as is_known_primary_need,
        referrals.is_referral_nfa,
        referrals.close_date,
        referrals.close_reason_code,
        {{ team_attributes('referrals.referral_team_id') }},
        earlier_referrals.previous_referral_date,
        coalesce(earlier_referrals.has_referral_in_previous_12_months = 1, false) as is_re_referral
    from referrals
    left join earlier_referrals
        on referrals.referral_id = earlier_referrals.referral_id
    left join teams
        on referrals.referral_team_id = teams.team_id

)

select * from final
