{#
    The collection year of the statutory returns (docs/contracts/returns.md "Collection
    year"): April to March. var return_year ('2021-22') names it; null = the year that
    contains the extract date. The return is as at the year end, or as at the extract
    date when the extract is earlier (then it is provisional). A year that starts after
    the extract date cannot be returned: the assert_ test of this model fails the build.
#}
with manifest as (select * from {{ ref('stg_la__extract_manifests') }}),

chosen as (
    select
        extract_date,
        {% if var('return_year') is none -%}
        cast(
            extract(year from extract_date)
            - case when extract(month from extract_date) < 4 then 1 else 0 end
            as integer
        )
        {%- else -%}
        {%- set year = var('return_year') | string -%}
        {%- if not modules.re.fullmatch('[0-9]{4}-[0-9]{2}', year)
            or (year[:4] | int + 1) % 100 != (year[5:] | int) -%}
            {{ exceptions.raise_compiler_error(
                "var return_year must name an April-March collection year as YYYY-YY, e.g. 2021-22; got '"
                ~ year ~ "'") }}
        {%- endif -%}
        {{ year[:4] | int }}
        {%- endif %} as start_year
    from manifest
),

final as (
    select
        cast(start_year as {{ dbt.type_string() }}) || '-' || right(cast(start_year + 1 as {{ dbt.type_string() }}), 2) as collection_year,
        cast(make_date(start_year, 4, 1) as date) as year_start,
        cast(make_date(start_year + 1, 3, 31) as date) as year_end,
        least(cast(make_date(start_year + 1, 3, 31) as date), extract_date) as as_at_date,
        extract_date < cast(make_date(start_year + 1, 3, 31) as date) as is_provisional,
        extract_date
    from chosen
)

select * from final
