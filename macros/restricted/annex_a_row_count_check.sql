{#
    The body of an Annex A row-count test (docs/contracts/annex-a.md "Checks"): the list
    model's rows against `expected`, a select of one column `expected_rows` counting the list's
    inclusion rule straight from staging, independently of the list's own models. It may read
    the CTE `check_dates` (as_at_date, w6_start, w12_start), worked out here from the var
    annex_a_as_at and the manifest's extract date, not from int_annex_a__parameters. Returns a
    row (a failure) when the counts differ.
#}
{% macro annex_a_row_count_check(list_model, expected) -%}
with

check_dates as (
    select
        as_at.as_at_date,
        {{ dbt.dateadd('month', '-' ~ var('annex_a_months'), 'as_at.as_at_date') }} as w6_start,
        {{ dbt.dateadd('month', -12, 'as_at.as_at_date') }} as w12_start
    from (
        select
            {%- if var('annex_a_as_at') %}
            cast('{{ var("annex_a_as_at") }}' as date) as as_at_date
            {%- else %}
            max(extract_date) as as_at_date
            {%- endif %}
        from {{ ref('stg_la__extract_manifests') }}
    ) as as_at
),

expected as (
    {{ expected }}
),

actual as (
    select count(*) as actual_rows from {{ ref(list_model) }}
)

select
    '{{ list_model }}' as list_model,
    expected.expected_rows,
    actual.actual_rows
from expected
cross join actual
where expected.expected_rows <> actual.actual_rows
{%- endmacro %}
