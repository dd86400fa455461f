{#
    One row per child and period end P (int_reporting_periods joined as `periods`) with a
    record of `relation` open at P (macro is_open_at) that meets `condition`: the select
    distinct child_key, period_end of the "<status> at P" models. The arguments are SQL
    text; a record whose child is unknown (null child_key) is left out.
#}
{% macro children_open_at_period_end(relation, start_date, end_date, condition) -%}
    select distinct
        {{ relation }}.child_key,
        periods.period_end
    from {{ relation }}
    inner join periods
        on {{ is_open_at(start_date, end_date, 'periods.period_end') }}
    where {{ condition }} and {{ relation }}.child_key is not null
{%- endmacro %}
