{{ config(materialized='table', schema='data_quality', tags=['data_quality']) }}

{#
    This project's checks on the workforce and organisation files (no DfE return validates
    them): FTEs outside a sensible range (vars max_fte_per_person, max_establishment_fte_per_row;
    such values leave the FTE sums), negative caseloads, an HR establishment row whose
    as-at date, role and team repeats an earlier row, involvements ending before they start, team ids that are not in ssd_department, and an
    extract manifest that is not exactly one row. Each rule is described in the dq_rules seed.
#}

with professionals as (select * from {{ ref('stg_ssd__professionals') }}),

hr_establishment as (select * from {{ ref('stg_la__hr_establishment') }}),

departments as (select * from {{ ref('stg_ssd__departments') }}),

extract_manifests as (select * from {{ ref('stg_la__extract_manifests') }}),

fte_out_of_range as (
    select
        'csc_fte_out_of_range' as rule_id,
        'ssd_professionals' as table_name,
        professional_id as record_id,
        cast(null as varchar) as child_key,
        landing_row_number,
        'prof_full_time_equivalency' as field,
        cast(fte as varchar) as value,
        'FTE ' || cast(fte as varchar) || ' is outside 0 to {{ var('max_fte_per_person') }}: it is not used,'
        || ' and the worker is excluded from caseload_average (numerator and denominator)' as message
    from professionals
    where fte < 0
        or fte > {{ var('max_fte_per_person') }}
),

negative_caseload as (
    select
        'csc_negative_caseload' as rule_id,
        'ssd_professionals' as table_name,
        professional_id as record_id,
        cast(null as varchar) as child_key,
        landing_row_number,
        'prof_professional_caseload' as field,
        cast(recorded_caseload as varchar) as value,
        'Caseload ' || cast(recorded_caseload as varchar) || ' is negative: it is not used'
        || ' (recorded_caseload is left blank; caseload_average counts involvements, not this figure)' as message
    from professionals
    where recorded_caseload < 0
),

{%- set fte_columns = ['budgeted_fte', 'permanent_fte', 'fixed_term_fte', 'agency_fte', 'vacancy_fte'] %}

negative_establishment_fte as (
    {%- for column in fte_columns %}
    select
        'csc_fte_out_of_range' as rule_id,
        'hr_establishment' as table_name,
        cast(null as varchar) as record_id,
        cast(null as varchar) as child_key,
        landing_row_number,
        '{{ column }}' as field,
        cast({{ column }} as varchar) as value,
        '{{ column }} ' || cast({{ column }} as varchar) || ' is '
        || case when {{ column }} < 0 then 'negative' else 'above {{ var('max_establishment_fte_per_row') }}' end
        || ': the row is excluded from establishment_fte, vacancy_rate, permanent_rate, agency_rate,'
        || ' agency_rate_dfe and vacancy_rate_dfe of the ' || cast(as_at_date as varchar) || ' return' as message
    from hr_establishment
    where {{ column }} < 0
        or {{ column }} > {{ var('max_establishment_fte_per_row') }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

duplicate_establishment_rows as (
    select
        'csc_duplicate_row' as rule_id,
        'hr_establishment' as table_name,
        cast(null as varchar) as record_id,
        cast(null as varchar) as child_key,
        landing_row_number,
        'as_at_date' as field,
        cast(as_at_date as varchar) as value,
        'Row repeats the as-at date, role and team of row ' || cast(first_landing_row_number as varchar)
        || '; its FTEs would be counted twice' as message
    from (
        select
            *,
            {#- the first row of the file wins, as in staging's keep_first_per_key #}
            {{ first_landing_row_of_key('as_at_date, role, team_id') }} as first_landing_row_number
        from hr_establishment
    ) as numbered
    where landing_row_number <> first_landing_row_number
),

involvement_end_before_start as (
    select
        'csc_end_before_start' as rule_id,
        'ssd_involvements' as table_name,
        involvement_id as record_id,
        child_key,
        landing_row_number,
        'invo_involvement_end_date' as field,
        cast(involvement_end_date as varchar) as value,
        'End date ' || cast(involvement_end_date as varchar) || ' is before the start date ' || cast(involvement_start_date as varchar) as message
    from {{ ref('stg_ssd__involvements') }}
    where involvement_end_date < involvement_start_date
),

{%- set team_references = [
    ('ssd_cin_episodes', 'stg_ssd__cin_episodes', 'referral_id', 'referral_team_id', 'cine_referral_team', 'child_key'),
    ('ssd_professionals', 'stg_ssd__professionals', 'professional_id', 'team_id', 'prof_professional_department', 'cast(null as varchar)'),
    ('ssd_involvements', 'stg_ssd__involvements', 'involvement_id', 'team_id', 'invo_professional_team', 'child_key'),
] %}

unknown_team as (
    {%- for table, model, key, column, field, child_key in team_references %}
    select
        'csc_unknown_team' as rule_id,
        '{{ table }}' as table_name,
        staged.{{ key }} as record_id,
        {{ child_key }} as child_key,
        staged.landing_row_number,
        '{{ field }}' as field,
        staged.{{ column }} as value,
        'Team ' || staged.{{ column }} || ' is not in ssd_department' as message
    from {{ ref(model) }} as staged
    where staged.{{ column }} is not null
        and not exists (
            select 1
            from departments
            where departments.team_id = staged.{{ column }}
        )
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

manifest_rows as (
    select
        count(*) as manifest_rows,
        min(landing_row_number) as landing_row_number
    from extract_manifests
),

manifest_not_one_row as (
    select
        'csc_manifest_one_row' as rule_id,
        'extract_manifest' as table_name,
        cast(null as varchar) as record_id,
        cast(null as varchar) as child_key,
        landing_row_number,
        'extract_date' as field,
        cast(manifest_rows as varchar) as value,
        'extract_manifest.csv has ' || cast(manifest_rows as varchar) || ' rows; it must have exactly one' as message
    from manifest_rows
    where manifest_rows <> 1
),

final as (
    select * from fte_out_of_range
    union all
    select * from negative_caseload
    union all
    select * from negative_establishment_fte
    union all
    select * from duplicate_establishment_rows
    union all
    select * from involvement_end_before_start
    union all
    select * from unknown_team
    union all
    select * from manifest_not_one_row
)

select * from final
