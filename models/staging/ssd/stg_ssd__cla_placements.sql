{#
    placement_la_location (landing-inspection.md "clap_cla_placement_la"): the placement's LA
    code, trimmed and upper-cased, equal to extract_manifest.la_code is `inside`; CON
    (confidential) and blank are `unknown`; any other code (NIR, WAL, SCO, NUK, another LA)
    is `outside`. assumption: the authority sends codes in the manifest's code system (no
    postcode lookup).
#}
with source as (select * from {{ ref('base_ssd__cla_placement') }}),

manifest as (select * from {{ ref('base_la__extract_manifest') }}),

authority as (
    select max(upper({{ clean_text('la_code') }})) as la_code
    from manifest
),

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
        upper({{ clean_text('clap_cla_placement_la') }}) as placement_la_code,
        case
            when upper({{ clean_text('clap_cla_placement_la') }}) is null
                or upper({{ clean_text('clap_cla_placement_la') }}) = 'CON' then 'unknown'
            when upper({{ clean_text('clap_cla_placement_la') }}) = authority.la_code then 'inside'
            else 'outside'
        end as placement_la_location,
        {{ parse_errors('ssd', 'ssd_cla_placement') }} as parse_errors,
        source.landing_row_number
    from source
    cross join authority
    {{ join_code_lookups({'clap_cla_placement_type': 'placement_type', 'clap_cla_placement_change_reason': 'placement_change_reason'}) }}
),

final as (
    {{ keep_first_per_key('typed', 'cla_placement_id') }}
)

select * from final
