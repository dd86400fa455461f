{#
    "The current record at P" (kpis.md) of each child and period end P
    (int_reporting_periods joined as `periods`): of the child's records of `relation` open at
    P (is_open_at), the latest start, then the greatest id compared as text
    (current_records). Returns a select of child_key, period_end, id_column and each of
    `columns`, one row per child and P with a record open; a record whose child is unknown
    (null child_key) is left out. id_column, start_column, end_column and columns are column
    names of relation.
#}
{% macro current_record_at_period_end(relation, id_column, start_column, end_column, columns=[]) -%}
    {{ current_records(
        relation, 'periods',
        relation ~ '.child_key is not null and '
        ~ is_open_at(relation ~ '.' ~ start_column, relation ~ '.' ~ end_column, 'periods.period_end'),
        [relation ~ '.child_key', 'periods.period_end'], id_column, start_column, columns
    ) }}
{%- endmacro %}
