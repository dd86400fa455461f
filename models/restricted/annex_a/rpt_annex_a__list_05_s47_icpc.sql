{#
    Annex A List 5, section 47 enquiries and ICPCs (docs/contracts/annex-a.md "List 5"): the
    enquiries open at some time in W6 (start on or before R; end null or after R - 6 months),
    open ones included, one row per enquiry.
    - ICPC deemed unnecessary: blank while the enquiry is open at R; s47 NFA Y a) Yes, N b) No;
    - the ICPC: the earliest conference of this enquiry (icpc_s47_enquiry_id) dated on or
      before R; its outcome flag a) Yes / b) No, blank without one;
    - the counts: the same child's other enquiries starting, and ICPCs dated, on or after the
      start - 12 months and before the start.
#}

with

enquiries as (select * from {{ ref('stg_ssd__s47_enquiries') }}),

conferences as (select * from {{ ref('stg_ssd__initial_cp_conferences') }}),

children as (select * from {{ ref('int_annex_a__children') }}),

parameters as (select * from {{ ref('int_annex_a__parameters') }}),

teams as (select * from {{ ref('int_teams') }}),

in_window as (
    select
        enquiries.*,
        cast({{ dbt.dateadd('month', -12, 'enquiries.s47_start_date') }} as date) as lookback_start,
        coalesce(enquiries.s47_end_date > parameters.as_at_date, true) as is_open_at_r
    from enquiries
    cross join parameters
    where {{ is_open_during('enquiries.s47_start_date', 'enquiries.s47_end_date',
                            'parameters.w6_start', 'parameters.as_at_date') }}
),

conferences_by_r as (
    select conferences.*
    from conferences
    cross join parameters
    where conferences.icpc_date <= parameters.as_at_date
),

first_conference as (
    select
        s47_enquiry_id,
        icpc_date,
        is_outcome_cp_plan,
        row_number() over (partition by s47_enquiry_id order by icpc_date, icpc_id) as conference_order
    from conferences_by_r
    where s47_enquiry_id is not null
),

earlier_enquiries as (
    select
        enquiry.s47_enquiry_id,
        count(*) as s47_enquiries_in_last_12_months
    from in_window as enquiry
    inner join enquiries as earlier
        on
        enquiry.person_id = earlier.person_id
        and enquiry.s47_enquiry_id <> earlier.s47_enquiry_id
        and enquiry.s47_start_date > earlier.s47_start_date
        and enquiry.lookback_start <= earlier.s47_start_date
    group by enquiry.s47_enquiry_id
),

earlier_conferences as (
    select
        enquiry.s47_enquiry_id,
        count(*) as icpcs_in_last_12_months
    from in_window as enquiry
    inner join conferences as earlier
        on
        enquiry.person_id = earlier.person_id
        and enquiry.s47_start_date > earlier.icpc_date
        and enquiry.lookback_start <= earlier.icpc_date
    group by enquiry.s47_enquiry_id
),

final as (
    select
        {{ annex_a_common_columns('in_window.person_id') }},
        in_window.s47_start_date,
        case
            when in_window.is_open_at_r then null
            when in_window.is_s47_nfa then 'a) Yes'
            when not in_window.is_s47_nfa then 'b) No'
        end as icpc_deemed_unnecessary,
        first_conference.icpc_date,
        case
            when first_conference.is_outcome_cp_plan then 'a) Yes'
            when not first_conference.is_outcome_cp_plan then 'b) No'
        end as icpc_resulted_in_cp_plan,
        coalesce(earlier_enquiries.s47_enquiries_in_last_12_months, 0) as s47_enquiries_in_last_12_months,
        coalesce(earlier_conferences.icpcs_in_last_12_months, 0) as icpcs_in_last_12_months,
        {{ annex_a_allocated('in_window.s47_team_id', 'in_window.s47_worker_id') }},
        in_window.s47_enquiry_id as source_id
    from in_window
    cross join parameters
    left join children
        on in_window.person_id = children.person_id
    left join first_conference
        on
        in_window.s47_enquiry_id = first_conference.s47_enquiry_id
        and first_conference.conference_order = 1
    left join earlier_enquiries
        on in_window.s47_enquiry_id = earlier_enquiries.s47_enquiry_id
    left join earlier_conferences
        on in_window.s47_enquiry_id = earlier_conferences.s47_enquiry_id
    left join teams
        on in_window.s47_team_id = teams.team_id
)

select * from final
