{#
    One row per initial child protection conference joined to its section 47 enquiry
    (through the ICPC's s47 enquiry id), with the working days from the s47 start to
    the conference (kpis.md, `icpc_timeliness`). A null or unknown transfer-in flag
    means not a transfer-in. The timeliness population is the ICPCs that are not
    transfer-ins whose s47 enquiry is found, has a start date and started on or before
    the ICPC; the others keep the reason in `timeliness_exclusion_reason`.
#}

with

icpcs as (select * from {{ ref('stg_ssd__initial_cp_conferences') }}),

enquiries as (select * from {{ ref('stg_ssd__s47_enquiries') }}),

teams as (select * from {{ ref('int_teams') }}),

calendar as (select * from {{ ref('int_dates') }}),

joined as (

    select
        icpcs.icpc_id,
        icpcs.s47_enquiry_id,
        icpcs.child_key,
        icpcs.cp_plan_id,
        icpcs.referral_id,
        coalesce(icpcs.is_transfer_in, false) as is_transfer_in,
        icpcs.icpc_target_date,
        icpcs.icpc_date,
        coalesce(icpcs.is_outcome_cp_plan, false) as is_outcome_cp_plan,
        icpcs.icpc_team_id,
        enquiries.s47_enquiry_id as found_s47_enquiry_id,
        enquiries.s47_start_date
    from icpcs
    left join enquiries
        on icpcs.s47_enquiry_id = enquiries.s47_enquiry_id

),

working_days_counted as (

-- working days from the s47 start to the ICPC (an explicit join to the calendar);
-- null when either date is not in it or the s47 starts after the ICPC
    {{ with_working_days(
        'joined', 's47_start_date', 'icpc_date',
        'working_days_from_s47_start', calendar='calendar', forward_only=true
    ) }}

),

timed as (

    -- a date outside the working-day calendar is an error (kpis.md), not a working day:
    -- such an ICPC is left out of the population and named here, and
    -- csc_date_outside_calendar reports the date (the build goes on)
    select
        *,
        case
            when is_transfer_in then 'transfer_in'
            when icpc_date is null then 'no_icpc_date'
            when found_s47_enquiry_id is null then 'no_s47_enquiry'
            when s47_start_date is null then 'no_s47_start_date'
            when s47_start_date > icpc_date then 'icpc_before_s47_start'
            when working_days_from_s47_start is null then 'date_outside_working_day_calendar'
        end as timeliness_exclusion_reason
    from working_days_counted

),

final as (

    select
        timed.icpc_id,
        timed.s47_enquiry_id,
        timed.child_key,
        timed.cp_plan_id,
        timed.referral_id,
        timed.is_transfer_in,
        timed.icpc_target_date,
        timed.icpc_date,
        timed.is_outcome_cp_plan,
        timed.s47_start_date,
        timed.working_days_from_s47_start,
        timed.timeliness_exclusion_reason,
        timed.timeliness_exclusion_reason is null as is_in_timeliness_population,
        coalesce(
            timed.working_days_from_s47_start
            <= {{ var('icpc_timescale_working_days') }},
            false
        ) as is_within_timescale,
        {{ team_attributes('timed.icpc_team_id') }}
    from timed
    left join teams
        on timed.icpc_team_id = teams.team_id

)

select * from final
