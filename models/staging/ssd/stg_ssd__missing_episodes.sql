{#
    Missing-from-home and missing-from-care episodes (landing-inspection.md "ssd_missing").
    A null end date means still missing. RHI offered / accepted are Y, N or NA (code list
    rhi_flag): is_rhi_offered and is_rhi_accepted are true for Y only; N, NA, unknown values
    and blanks count as not set.
#}
with source as (select * from {{ ref('base_ssd__missing') }}),

typed as (
    select
        {{ clean_text('miss_table_id') }} as missing_episode_id,
        {{ clean_text('miss_person_id') }} as person_id,
        {{ pseudonymise('miss_person_id') }} as child_key,
        {{ parse_date('miss_missing_episode_start_date') }} as missing_start_date,
        {{ map_code('miss_missing_episode_type') }} as missing_episode_type_code,
        {{ is_known_code('miss_missing_episode_type') }} as is_known_missing_episode_type,
        {{ parse_date('miss_missing_episode_end_date') }} as missing_end_date,
        {{ map_code('miss_missing_rhi_offered') }} as rhi_offered_code,
        {{ is_known_code('miss_missing_rhi_offered') }} as is_known_rhi_offered,
        {{ map_code('miss_missing_rhi_accepted') }} as rhi_accepted_code,
        {{ is_known_code('miss_missing_rhi_accepted') }} as is_known_rhi_accepted,
        coalesce({{ map_code('miss_missing_rhi_offered') }} = 'Y', false) as is_rhi_offered,
        coalesce({{ map_code('miss_missing_rhi_accepted') }} = 'Y', false) as is_rhi_accepted,
        {{ parse_date('miss_missing_rhi_offered_date') }} as rhi_offered_date,
        {{ parse_date('miss_missing_rhi_date') }} as rhi_date,
        {{ parse_errors('ssd', 'ssd_missing') }} as parse_errors,
        source.landing_row_number
    from source
    {{ join_code_lookups({'miss_missing_episode_type': 'missing_episode_type', 'miss_missing_rhi_offered': 'rhi_flag', 'miss_missing_rhi_accepted': 'rhi_flag'}) }}
),

final as (
    {{ keep_first_per_key('typed', 'missing_episode_id') }}
)

select * from final
