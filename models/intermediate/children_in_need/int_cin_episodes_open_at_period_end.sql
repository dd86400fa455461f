{#
    One row per child and reporting period with a CIN episode open at P
    (kpis-inspection.md `cin_episodes_open`, the DfE's "children in need at 31 March"):
    a referral dated on or before P, with no close date or one after P (open at P), whose
    no-further-action flag is not Y. Every open episode of need counts, CP and CLA
    included. Our reading: an NFA referral is never an episode of need, even with no close
    date (an unknown flag is not Y, so it counts).
#}

with

periods as (select * from {{ ref('int_reporting_periods') }}),

referrals as (select * from {{ ref('int_referrals_sequenced') }}),

open_episodes as (

    select
        referrals.child_key,
        periods.period_end,
        count(*) as open_episode_count
    from referrals
    inner join periods
        on {{ is_open_at('referrals.referral_date', 'referrals.close_date', 'periods.period_end') }}
    where not coalesce(referrals.is_referral_nfa, false)
    group by 1, 2

),

final as (

    select
        child_key,
        period_end,
        open_episode_count
    from open_episodes

)

select * from final
