{#
    One row per section 47 enquiry with the locality and service of the team that
    completed it, and the number of initial child protection conferences linked to it
    (through the ICPC's s47 enquiry id).
#}

with

enquiries as (select * from {{ ref('stg_ssd__s47_enquiries') }}),

icpcs as (select * from {{ ref('stg_ssd__initial_cp_conferences') }}),

teams as (select * from {{ ref('int_teams') }}),

icpcs_per_enquiry as (

    select
        s47_enquiry_id,
        count(*) as icpc_count,
        min(icpc_date) as first_icpc_date
    from icpcs
    where s47_enquiry_id is not null
    group by s47_enquiry_id

),

final as (

    select
        enquiries.s47_enquiry_id,
        enquiries.referral_id,
        enquiries.child_key,
        enquiries.s47_start_date,
        enquiries.s47_end_date,
        enquiries.is_s47_nfa,
        coalesce(icpcs_per_enquiry.icpc_count, 0) as icpc_count,
        icpcs_per_enquiry.first_icpc_date,
        {{ team_attributes('enquiries.s47_team_id') }}
    from enquiries
    left join icpcs_per_enquiry
        on enquiries.s47_enquiry_id = icpcs_per_enquiry.s47_enquiry_id
    left join teams
        on enquiries.s47_team_id = teams.team_id

)

select * from final
