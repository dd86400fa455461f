with source as (select * from {{ ref('base_ssd__cla_placement') }}),

typed as (
    select
        {{ clean_text('clap_cla_placement_id') }} as cla_placement_id,
        {{ clean_text('clap_cla_id') }} as cla_id,
        {{ clean_text('clap_person_id') }} as person_id,
        {{ pseudonymise('clap_person_id') }} as child_key,
        {{ parse_date('clap_cla_placement_start_date') }} as placement_start_date,
        {{ parse_date('clap_cla_placement_end_date') }} as placement_end_date,
        {{ map_code('clap_cla_placement_type') }} as placement_type_code,
        {{ is_known_code('clap_cla_placement_type') }} as is_known_placement_type,
        {{ clean_text('clap_cla_placement_provider') }} as placement_provider_code,
        {{ clean_text('clap_cla_placement_urn') }} as placement_urn,
        {{ parse_number('clap_cla_placement_distance') }} as placement_distance,
        {{ map_code('clap_cla_placement_change_reason') }} as change_reason_code,
        {{ is_known_code('clap_cla_placement_change_reason') }} as is_known_change_reason,
        {{ parse_errors(dates=['clap_cla_placement_start_date', 'clap_cla_placement_end_date'], flags=[], numbers=['clap_cla_placement_distance']) }} as parse_errors,
        source.landing_row_number
    from source
    {{ join_code_lookups({'clap_cla_placement_type': 'placement_type', 'clap_cla_placement_change_reason': 'placement_change_reason'}) }}
),

final as (
    {{ keep_first_per_key('typed', 'cla_placement_id') }}
)

select * from final
