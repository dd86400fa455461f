{{ config(materialized='table', schema='data_quality', tags=['data_quality']) }}

{#
    This project's checks on the workforce and organisation files (no DfE return validates
    them): FTEs outside a sensible range (vars max_fte_per_person, max_establishment_fte_per_row;
    such values leave the FTE sums), negative caseloads, an HR establishment row whose
    as-at date, role and team repeats an earlier row, involvements ending before they start, team ids that are not in ssd_department, and an
    extract manifest that is not exactly one row. Each rule is described in the dq_rules seed;
    the findings' columns are macro dq_finding's (dq_record_findings, dq_end_before_start).
#}

with professionals as (select * from {{ ref('stg_ssd__professionals') }}),

hr_establishment as (select * from {{ ref('stg_la__hr_establishment') }}),

departments as (select * from {{ ref('stg_ssd__departments') }}),

extract_manifests as (select * from {{ ref('stg_la__extract_manifests') }}),

involvements as (select * from {{ ref('stg_ssd__involvements') }}),

professional_findings as (
    {{ dq_record_findings([
        ('csc_fte_out_of_range', 'ssd_professionals', 'professionals', 'prof_full_time_equivalency', 'fte',
            'fte < 0 or fte > ' ~ var('max_fte_per_person'),
            "'FTE ' || cast(fte as " ~ dbt.type_string() ~ ") || ' is outside 0 to " ~ var('max_fte_per_person') ~ ": it is not used,'"
            ~ " || ' and the worker is excluded from caseload_average (numerator and denominator)'"),
        ('csc_negative_caseload', 'ssd_professionals', 'professionals', 'prof_professional_caseload', 'recorded_caseload',
            'recorded_caseload < 0',
            "'Caseload ' || cast(recorded_caseload as " ~ dbt.type_string() ~ ") || ' is negative: it is not used'"
            ~ " || ' (recorded_caseload is left blank; caseload_average counts involvements, not this figure)'"),
    ]) }}
),

{%- set max_row_fte = var('max_establishment_fte_per_row') %}
{%- set establishment_rules = [] %}
{%- for column in ['budgeted_fte', 'permanent_fte', 'fixed_term_fte', 'agency_fte', 'vacancy_fte'] %}
    {%- do establishment_rules.append((
        'csc_fte_out_of_range', 'hr_establishment', 'hr_establishment', column, column,
        column ~ ' < 0 or ' ~ column ~ ' > ' ~ max_row_fte,
        "'" ~ column ~ " ' || cast(" ~ column ~ " as " ~ dbt.type_string() ~ ") || ' is '"
        ~ " || case when " ~ column ~ " < 0 then 'negative' else 'above " ~ max_row_fte ~ "' end"
        ~ " || ': the row is excluded from establishment_fte, vacancy_rate, permanent_rate, agency_rate,'"
        ~ " || ' agency_rate_dfe and vacancy_rate_dfe of the ' || cast(as_at_date as " ~ dbt.type_string() ~ ") || ' return'"
    )) %}
{%- endfor %}

negative_establishment_fte as (
    {{ dq_record_findings(establishment_rules) }}
),

duplicate_establishment_rows as (
    {{ dq_finding('csc_duplicate_row', 'hr_establishment', 'as_at_date', 'as_at_date',
        "'Row repeats the as-at date, role and team of row ' || cast(first_landing_row_number as " ~ dbt.type_string() ~ ")"
        ~ " || '; its FTEs would be counted twice'") }}
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
    {{ dq_end_before_start([
        ('ssd_involvements', 'involvements', 'involvement_start_date', 'involvement_end_date', 'invo_involvement_end_date'),
    ]) }}
),

{%- set team_references = [
    ('ssd_cin_episodes', 'stg_ssd__cin_episodes', 'referral_team_id', 'cine_referral_team'),
    ('ssd_professionals', 'stg_ssd__professionals', 'team_id', 'prof_professional_department'),
    ('ssd_involvements', 'stg_ssd__involvements', 'team_id', 'invo_professional_team'),
] %}

unknown_team as (
    {%- for table, model, column, field in team_references %}
    {{ dq_finding('csc_unknown_team', table, field, 'staged.' ~ column,
        "'Team ' || staged." ~ column ~ " || ' is not in ssd_department'", relation='staged.') }}
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
    {{ dq_finding('csc_manifest_one_row', 'extract_manifest', 'extract_date', 'manifest_rows',
        "'extract_manifest.csv has ' || cast(manifest_rows as " ~ dbt.type_string() ~ ") || ' rows; it must have exactly one'") }}
    from manifest_rows
    where manifest_rows <> 1
),

final as (
    select * from professional_findings
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
