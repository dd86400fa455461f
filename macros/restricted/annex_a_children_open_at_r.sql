{#
    The children with a record of `relation` open at R (is_open_at on the as_at_date of
    int_annex_a__parameters joined as `parameters`) that meets `condition`: a select distinct
    child_key, one row per child, for the Case Status of List 6 (looked after, CP plan, CIN
    plan, open assessment at R). start_column and end_column are columns of relation;
    condition is SQL over relation's columns, 'true' by default.
#}
{% macro annex_a_children_open_at_r(relation, start_column, end_column, condition='true') -%}
    select distinct {{ relation }}.child_key
    from {{ relation }}
    cross join parameters
    where
        ({{ condition }})
        and {{ is_open_at(relation ~ '.' ~ start_column, relation ~ '.' ~ end_column, 'parameters.as_at_date') }}
{%- endmacro %}
