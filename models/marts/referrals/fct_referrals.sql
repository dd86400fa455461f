with

referrals as (select * from {{ ref('int_referrals_sequenced') }}),

final as (

    select
        {{ contracted_columns() }}
    from referrals

)

select * from final
