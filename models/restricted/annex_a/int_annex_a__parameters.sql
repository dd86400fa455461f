{#
    The reference date and windows of Annex A (docs/contracts/annex-a.md "Reference date and
    windows"), one row:
    - as_at_date: R, var annex_a_as_at, else the extract date of the manifest;
    - w6_start / w12_start: R - var annex_a_months (default 6) / 12 months; the windows are the
      dates d with d > start and d <= R (the start itself is outside);
    - la_code, extract_date;
    - is_<file>_supplied: whether each optional landing file the lists need was supplied
      (stg_la__landing_files), and has_<column>: whether an optional column was in its file.
      What is not supplied leaves its columns (or whole list) blank, with a note.
#}
{#- The contract's annex_a_restricted_fields = true (postcode, workers' names) is not built:
    names and postcodes never leave staging here, so a build that asks for them stops rather
    than giving blank columns it did not ask for (csc annex-a refuses it before dbt runs). -#}
{%- if var('annex_a_restricted_fields', false) | string | lower not in ['false', '0', 'no', 'none', ''] %}
    {{ exceptions.raise_compiler_error("annex_a_restricted_fields=true is not supported: placement postcodes and workers' names never leave staging in this warehouse (README 'Annex A for an inspection'). Leave the var false.") }}
{%- endif %}
{% set optional_files = {
    'contacts': 'ssd_contacts',
    'early_help': 'ssd_early_help_episodes',
    'disability': 'ssd_disability',
    'immigration_status': 'ssd_immigration_status',
    'cp_reviews': 'ssd_cp_reviews',
    'cla_reviews': 'ssd_cla_reviews',
    'cla_care_plan': 'ssd_cla_care_plan',
    'missing': 'ssd_missing',
    'permanence': 'ssd_permanence',
    'adopters': 'annex_a_adopters',
} %}
{% set optional_columns = {
    'iro_contact_column': ('ssd_cla_episodes', 'clae_cla_last_iro_contact_date'),
    'placement_la_column': ('ssd_cla_placement', 'clap_cla_placement_la'),
} %}

with

manifests as (select * from {{ ref('stg_la__extract_manifests') }}),

landing_files as (select * from {{ ref('stg_la__landing_files') }}),

extract as (
    select
        max(la_code) as la_code,
        max(extract_date) as extract_date
    from manifests
),

supplied as (
    select
        {%- for name, table in optional_files.items() %}
        coalesce(bool_or(landing_table = '{{ table }}' and is_supplied), false) as is_{{ name }}_supplied,
        {%- endfor %}
        {%- for name, table_column in optional_columns.items() %}
        coalesce(bool_or(
            landing_table = '{{ table_column[0] }}' and is_supplied
            and ',' || replace(coalesce(absent_optional_columns, ''), ' ', '') || ',' not like '%,{{ table_column[1] }},%'
        ), false) as has_{{ name }},
        {%- endfor %}
        count(*) as landing_table_count
    from landing_files
),

dated as (
    select
        extract.la_code,
        extract.extract_date,
        {%- if var('annex_a_as_at') %}
        cast('{{ var("annex_a_as_at") }}' as date) as as_at_date
        {%- else %}
        extract.extract_date as as_at_date
        {%- endif %}
    from extract
),

final as (
    select
        dated.la_code,
        dated.extract_date,
        dated.as_at_date,
        cast({{ dbt.dateadd('month', -1 * var('annex_a_months'), 'dated.as_at_date') }} as date) as w6_start,
        cast({{ dbt.dateadd('month', -12, 'dated.as_at_date') }} as date) as w12_start,
        supplied.*
    from dated
    cross join supplied
)

select * from final
