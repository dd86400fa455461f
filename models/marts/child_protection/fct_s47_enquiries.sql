with

enquiries as (select * from {{ ref('int_s47_enquiries_teamed') }}),

final as (

    select
        {{ contracted_columns() }}
    from enquiries

)

select * from final
