{#
    The records of one kind that Annex A lists because they were open at some time in W6
    (docs/contracts/annex-a.md; is_open_during: start on or before R, no end or an end after
    w6_start), from int_annex_a__parameters joined as `parameters`: every column of
    `relation`, for rows with a child and not `excluded`, and `rank_name`, the record's place
    among the child's records open in W6, latest start first (the id, compared as text,
    breaks a tie), so rank 1 is the child's latest record of the window.
#}
{% macro annex_a_open_in_w6(relation, child_column, start_column, end_column, id_column, excluded, rank_name) %}
    select
        {{ relation }}.*,
        {{ current_record_rank([relation ~ '.' ~ child_column],
                               [relation ~ '.' ~ start_column, 'cast(' ~ relation ~ '.' ~ id_column ~ ' as ' ~ dbt.type_string() ~ ')']) }}
            as {{ rank_name }}
    from {{ relation }}
    cross join parameters
    where
        {{ relation }}.{{ child_column }} is not null
        and not {{ excluded }}
        and {{ is_open_during(relation ~ '.' ~ start_column, relation ~ '.' ~ end_column,
                              'parameters.w6_start', 'parameters.as_at_date') }}
{% endmacro %}
