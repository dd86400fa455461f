with

enquiries as (

    select * from {{ ref('int_s47_enquiries_teamed') }}

),

final as (

    select
        cast(s47_enquiry_id as varchar) as s47_enquiry_id,
        cast(referral_id as varchar) as referral_id,
        cast(child_key as varchar) as child_key,
        cast(s47_start_date as date) as s47_start_date,
        cast(s47_end_date as date) as s47_end_date,
        cast(is_s47_nfa as boolean) as is_s47_nfa,
        cast(icpc_count as integer) as icpc_count,
        cast(first_icpc_date as date) as first_icpc_date,
        cast(team_id as varchar) as team_id,
        cast(locality as varchar) as locality,
        cast(service as varchar) as service
    from enquiries

)

select * from final
