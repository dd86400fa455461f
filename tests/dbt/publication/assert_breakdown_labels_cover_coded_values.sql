-- Every breakdown row of fct_kpi_values has a label in dim_breakdown_labels, and a coded
-- breakdown (code lists, bands, teams) has one from its reference, not its raw code. `unknown`
-- is labelled "Not recorded". Returns each (breakdown, breakdown_value) without a label, or
-- with its raw code for a label: add the code to seeds/reference/ref_codes.csv or
-- ref_breakdown_bands.csv (or the team to the team structure).
with

kpi_values as (
    select distinct
        breakdown,
        breakdown_value
    from {{ ref('fct_kpi_values') }}
),

labels as (select * from {{ ref('dim_breakdown_labels') }}),

final as (
    select
        kpi_values.breakdown,
        kpi_values.breakdown_value,
        labels.label,
        labels.label_source
    from kpi_values
    left join labels
        on
        kpi_values.breakdown = labels.breakdown
        and kpi_values.breakdown_value = labels.breakdown_value
    where
        labels.label is null
        or trim(labels.label) = ''
        or (labels.is_coded and labels.label_source = 'value')
)

select * from final
