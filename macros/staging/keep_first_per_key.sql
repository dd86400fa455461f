{#
    De-duplication rule of kpis.md: rows with a null key are dropped, and of the rows sharing a
    key the first in the landing file (lowest landing_row_number) is kept. Returns a select
    over the CTE named `relation`. The dropped rows are listed by the data-quality models.
#}
{% macro keep_first_per_key(relation, key) -%}
    {{ return(adapter.dispatch('keep_first_per_key')(relation, key)) }}
{%- endmacro %}

{% macro default__keep_first_per_key(relation, key) -%}
    select *
    from {{ relation }} as candidate
    where candidate.{{ key }} is not null
        and not exists (
            select 1
            from {{ relation }} as earlier
            where earlier.{{ key }} = candidate.{{ key }}
                and earlier.landing_row_number < candidate.landing_row_number
        )
{%- endmacro %}

{% macro duckdb__keep_first_per_key(relation, key) -%}
    select *
    from {{ relation }}
    where {{ key }} is not null
    qualify row_number() over (partition by {{ key }} order by landing_row_number) = 1
{%- endmacro %}
