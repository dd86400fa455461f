{#
    Section47 modules of the CIN census (docs/contracts/returns.md "CIN census"): one row per
    section 47 enquiry of a CINdetails row of the year, in file order (by child, episode,
    enquiry start).

    Cohort (rules 8715, 8740), with S = 1 April and A = the as-at date: an enquiry on a
    referral of the return that started on or before A and was not completed before S.
    It is completed by its initial conference (DateOfInitialCPC: the first conference that
    the ICPC file links to the enquiry) or, without one, by its end date; an enquiry
    completed on 31 March of the year before is left out, one completed on 1 April is in.
    Anything after A is not yet known at A: the conference is not shown and the enquiry is
    open.

    - ICPCnotRequired is 1 when the enquiry ended on or before A and the ICPC file links no
      conference to it, else 0: still open, a conference held, or one to be held after A
      (an enquiry that ended with a conference to come did require one). Written 1/0, as
      the engine compares it.
    - InitialCPCtarget is the target date recorded on the enquiry's conference (shown with
      the conference); otherwise the DfE's target, 15 working days after the start
      (working days as everywhere: int_dates, England bank holidays).
#}
-- The DfE's element names are case-sensitive: quoted, so every engine keeps their case.
-- noqa: disable=RF06

with

return_years as (select * from {{ ref('int_return_years') }}),

cin_details as (select * from {{ ref('rpt_cin_census__cin_details') }}),

enquiries as (select * from {{ ref('stg_ssd__s47_enquiries') }}),

conferences as (select * from {{ ref('stg_ssd__initial_cp_conferences') }}),

calendar as (select * from {{ ref('int_dates') }}),

first_conferences as (
    -- the first conference the ICPC file links to each enquiry (ties: the lowest icpc id)
    select
        s47_enquiry_id,
        icpc_date,
        icpc_target_date
    from (
        select
            s47_enquiry_id,
            icpc_date,
            icpc_target_date,
            row_number() over (
                partition by s47_enquiry_id order by icpc_date, icpc_id
            ) as conference_order
        from conferences
        where s47_enquiry_id is not null and icpc_date is not null
    ) as ordered
    where conference_order = 1
),

target_dates as (
    -- the DfE's target: 15 working days after the enquiry's start (the strategy discussion);
    -- the DfE's fixed timescale, not the KPI var icpc_timescale_working_days
    select
        enquiries.s47_enquiry_id,
        min(target_days.date_day) as target_date
    from enquiries
    inner join calendar as start_days
        on enquiries.s47_start_date = start_days.date_day
    inner join calendar as target_days
        on target_days.working_day_index = start_days.working_day_index + 15
    group by enquiries.s47_enquiry_id
),

completed as (
    -- as known at the as-at date: the first conference, else the end of the enquiry
    select
        enquiries.*,
        case when first_conferences.icpc_date <= return_years.as_at_date then first_conferences.icpc_date end as icpc_date,
        coalesce(
            case
                when first_conferences.icpc_date <= return_years.as_at_date then first_conferences.icpc_target_date
            end,
            target_dates.target_date
        ) as icpc_target_date,
        case when enquiries.s47_end_date <= return_years.as_at_date then enquiries.s47_end_date end as known_end_date,
        first_conferences.icpc_date is not null as has_conference
    from enquiries
    cross join return_years
    left join first_conferences
        on enquiries.s47_enquiry_id = first_conferences.s47_enquiry_id
    left join target_dates
        on enquiries.s47_enquiry_id = target_dates.s47_enquiry_id
),

in_year as (
    {{ cin_census_modules_of_the_year(
        'completed',
        started='completed.s47_start_date',
        finished='coalesce(completed.icpc_date, completed.known_end_date)',
    ) }}
),

final as (
    select
        collection_year,
        row_number() over (
            order by cin_details_row, s47_start_date, s47_enquiry_id
        ) as return_row,
        "LAchildID",
        "CINdetailsID",
        s47_start_date as "S47ActualStartDate",
        icpc_target_date as "InitialCPCtarget",
        icpc_date as "DateOfInitialCPC",
        case when not has_conference and known_end_date is not null then '1' else '0' end as "ICPCnotRequired",
        s47_enquiry_id,
        child_key,
        'ssd_s47_enquiry' as landing_table,
        landing_row_number
    from in_year
)

select * from final
