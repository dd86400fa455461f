with source as (select * from {{ ref('base_ssd__department') }}),

typed as (
    select
        {{ clean_text('dept_team_id') }} as team_id,
        {{ clean_text('dept_team_name') }} as team_name,
        {{ clean_text('dept_team_parent_id') }} as parent_team_id,
        {{ clean_text('dept_team_parent_name') }} as parent_team_name,
        {{ parse_errors('ssd', 'ssd_department') }} as parse_errors,
        source.landing_row_number
    from source
),

final as (
    {{ keep_first_per_key('typed', 'team_id') }}
)

select * from final
