{#
    Immigration statuses, several per child allowed. A null start date means "from before
    any record" (read as the earliest date by the models that place a status in time); a null
    end date means still open.
#}
with source as (select * from {{ ref('base_ssd__immigration_status') }}),

typed as (
    select
        {{ clean_text('immi_immigration_status_id') }} as immigration_status_id,
        {{ clean_text('immi_person_id') }} as person_id,
        {{ pseudonymise('immi_person_id') }} as child_key,
        {{ map_code('immi_immigration_status') }} as immigration_status_code,
        {{ is_known_code('immi_immigration_status') }} as is_known_immigration_status,
        {{ parse_date('immi_immigration_status_start_date') }} as immigration_status_start_date,
        {{ parse_date('immi_immigration_status_end_date') }} as immigration_status_end_date,
        {{ parse_errors('ssd', 'ssd_immigration_status') }} as parse_errors,
        source.landing_row_number
    from source
    {{ join_code_lookups({'immi_immigration_status': 'immigration_status'}) }}
),

final as (
    {{ keep_first_per_key('typed', 'immigration_status_id') }}
)

select * from final
