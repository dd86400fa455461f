{#
    The base of every rate_per_10k KPI (kpis.md and kpis-inspection.md "Population rates"):
    child_population from the extract manifest, one population for every period. A null or 0
    population gives a rate_base of 0, so the rate's denominator is 0 and its value null.
#}

with

extract_manifest as (select * from {{ ref('stg_la__extract_manifests') }}),

final as (

    select coalesce(max(cast(child_population as {{ type_double() }})), 0) as rate_base
    from extract_manifest

)

select * from final
