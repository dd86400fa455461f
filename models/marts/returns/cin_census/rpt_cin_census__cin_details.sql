{#
    CINdetails of the CIN census (docs/contracts/returns.md "CIN census"): one row per CIN
    episode (referral) of the collection year, in the order written to the file (by child,
    then referral date).

    Cohort (DfE CIN census guide; rules 8600, 8620, 8569Q), with A = the return's as-at date
    (31 March, or the extract date when earlier) and S = 1 April:
    - a referral received on or before A (received after A: next year's return);
    - that is still open on S: closed on or after S, or not closed. A referral closed on
      31 March of the year before is left out; one closed on 1 April is in;
    - a referral with no further action (ReferralNFA) only when received on or after S: an
      NFA referral of the year before was in that year's return (8569Q queries an NFA
      referral received before the census year, whatever its closure date);
    - a closure after A is not yet known at A: the episode is shown open (closure date and
      reason empty), so a past year is returned as it stood on its 31 March;
    - the child must be in ssd_person (the file is a list of children); a referral of an
      unknown person id cannot be returned and is left out (dq_ rules report orphans).

    DateOfInitialCPC at this level is for an initial conference on the referral that no
    section 47 enquiry of the extract leads to (e.g. a transfer-in conference); a conference
    that follows a section 47 enquiry is returned in that Section47 module instead (rule
    2884: never both). Flags are written 1/0, as the engine compares them.
    CINdetailsID numbers the child's episodes 1, 2, ... in file order, as the DfE engine
    does on reading; it is not written to the file.
#}
-- The DfE's element names are case-sensitive: quoted, so every engine keeps their case.
-- noqa: disable=RF06

with

return_years as (select * from {{ ref('int_return_years') }}),

referrals as (select * from {{ ref('stg_ssd__cin_episodes') }}),

persons as (select * from {{ ref('stg_ssd__persons') }}),

conferences as (select * from {{ ref('stg_ssd__initial_cp_conferences') }}),

enquiries as (select * from {{ ref('stg_ssd__s47_enquiries') }}),

in_year as (
    select
        referrals.*,
        return_years.collection_year,
        return_years.year_start,
        return_years.as_at_date
    from referrals
    cross join return_years
    where
        referrals.referral_date <= return_years.as_at_date
        and (
            referrals.close_date is null
            or referrals.close_date >= return_years.year_start
        )
        and (
            not coalesce(referrals.is_referral_nfa, false)
            or referrals.referral_date >= return_years.year_start
        )
        and exists (
            select 1 from persons
            where persons.person_id = referrals.person_id
        )
),

conferences_without_enquiry as (
    -- conferences on the referral that no s47 enquiry of the extract leads to, held in the year
    select
        conferences.referral_id,
        min(conferences.icpc_date) as icpc_date
    from conferences
    cross join return_years
    where
        conferences.icpc_date between return_years.year_start and return_years.as_at_date
        and not exists (
            select 1 from enquiries
            where enquiries.s47_enquiry_id = conferences.s47_enquiry_id
        )
    group by conferences.referral_id
),

final as (
    select
        in_year.collection_year,
        row_number() over (
            order by in_year.person_id, in_year.referral_date, in_year.referral_id
        ) as return_row,
        in_year.person_id as "LAchildID",
        row_number() over (
            partition by in_year.person_id
            order by in_year.referral_date, in_year.referral_id
        ) as "CINdetailsID",
        in_year.referral_date as "CINreferralDate",
        in_year.referral_source_code as "ReferralSource",
        in_year.primary_need_code as "PrimaryNeedCode",
        case when in_year.close_date <= in_year.as_at_date then in_year.close_date end as "CINclosureDate",
        case
            when in_year.close_date is null or in_year.close_date <= in_year.as_at_date
                then in_year.close_reason_code
        end as "ReasonForClosure",
        conferences_without_enquiry.icpc_date as "DateOfInitialCPC",
        case
            when in_year.is_referral_nfa then '1'
            when not in_year.is_referral_nfa then '0'
        end as "ReferralNFA",
        in_year.referral_id,
        in_year.child_key,
        'ssd_cin_episodes' as landing_table,
        in_year.landing_row_number
    from in_year
    left join conferences_without_enquiry
        on in_year.referral_id = conferences_without_enquiry.referral_id
)

select * from final
