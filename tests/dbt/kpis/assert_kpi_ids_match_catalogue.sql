-- Every kpi_id of the catalogue is produced by a KPI area model, and no area model
-- produces an id the catalogue does not have (fct_kpi_values would drop it silently).
{%- set area_models = kpi_area_models() %}

with produced as (
    {%- for area_model in area_models %}
    select distinct kpi_id from {{ ref(area_model) }}
    {%- if not loop.last %}
    union
    {%- endif %}
    {%- endfor %}
),

catalogue as (
    select kpi_id from {{ ref('kpi_catalogue') }}
),

missing_from_areas as (
    select
        catalogue.kpi_id,
        'in the catalogue, produced by no area model' as problem
    from catalogue
    where catalogue.kpi_id not in (select produced.kpi_id from produced)
),

missing_from_catalogue as (
    select
        produced.kpi_id,
        'produced by an area model, not in the catalogue' as problem
    from produced
    where produced.kpi_id not in (select catalogue.kpi_id from catalogue)
)

select * from missing_from_areas
union all
select * from missing_from_catalogue
