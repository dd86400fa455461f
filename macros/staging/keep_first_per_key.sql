{#
    De-duplication rule of kpis.md: rows with a null key are dropped, and of the rows sharing a
    key the first in the landing file (lowest landing_row_number) is kept. Returns a select
    over the CTE named `relation`. The rule is decided here only: `first_landing_row_of_key`
    gives the landing row number of the row kept for a key, and dq_landing_rows uses it to
    name the rows staging drops (dq_quarantine, dq_reconciliation).
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
    qualify landing_row_number = {{ first_landing_row_of_key(key) }}
{%- endmacro %}


{#- The landing row number of the row kept for the row's key (a window expression): the
    lowest landing_row_number among the rows with the same key. -#}
{% macro first_landing_row_of_key(key) -%}
    min(landing_row_number) over (partition by {{ key }})
{%- endmacro %}
