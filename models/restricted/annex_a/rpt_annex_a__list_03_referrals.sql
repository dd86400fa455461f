{#
    Annex A List 3, referrals (docs/contracts/annex-a.md "List 3"): every referral with its
    referral date in W6 (after R - 6 months, on or before R), one row per referral; a child
    appears once per referral.
    - Referral Source: the lettered label of the source code, an unknown code u) 10: Unknown;
    - Referral NFA?: a) Yes / b) No, c) Unknown when the flag is blank or unreadable;
    - Number of Referrals in Last 12 Months: the same child's other referrals dated on or after
      the referral date - 12 months and before the referral date (as rereferral_rate);
    - Allocated Team / Worker: the referral's team (its name when the department lists it) and
      worker.
#}

with

referrals as (select * from {{ ref('stg_ssd__cin_episodes') }}),

children as (select * from {{ ref('int_annex_a__children') }}),

parameters as (select * from {{ ref('int_annex_a__parameters') }}),

teams as (select * from {{ ref('int_teams') }}),

in_window as (
    select referrals.*
    from referrals
    cross join parameters
    where
        referrals.referral_date > parameters.w6_start
        and referrals.referral_date <= parameters.as_at_date
),

earlier_in_12_months as (
    select
        referral.referral_id,
        count(*) as referrals_in_last_12_months
    from in_window as referral
    inner join referrals as earlier
        on
        referral.person_id = earlier.person_id
        and referral.referral_id <> earlier.referral_id
        and referral.referral_date > earlier.referral_date
        and cast({{ dbt.dateadd('month', -12, 'referral.referral_date') }} as date) <= earlier.referral_date
    group by referral.referral_id
),

final as (
    select
        {{ annex_a_common_columns('in_window.person_id', with_disability=false) }},
        in_window.referral_date,
        {{ annex_a_label('source', 'in_window.referral_source_code', "'u) 10: Unknown'") }} as referral_source,
        case
            when in_window.is_referral_nfa then 'a) Yes'
            when not in_window.is_referral_nfa then 'b) No'
            else 'c) Unknown'
        end as referral_nfa,
        coalesce(earlier_in_12_months.referrals_in_last_12_months, 0) as referrals_in_last_12_months,
        {{ annex_a_allocated('in_window.referral_team_id', 'in_window.referral_worker_id') }},
        in_window.referral_id as source_id
    from in_window
    cross join parameters
    left join children
        on in_window.person_id = children.person_id
    left join earlier_in_12_months
        on in_window.referral_id = earlier_in_12_months.referral_id
    left join teams
        on in_window.referral_team_id = teams.team_id
)

select * from final
