{#
    The record of `records` running at D for each List 8 period of care
    (docs/contracts/annex-a.md "List 8"; `periods` has child_key and status_date D: the end
    of a period that ended on or before R, else R): of the child's records open at D, or
    ending on D itself when `has_ended` (an ended period's record is the one running on its
    last day in care; is_open_at_or_ending_on), the current record (latest start, then the
    id compared as text; current_records). Returns a select of child_key, id_column and
    each of `columns`, one row per child with such a record. id_column, start_column,
    end_column and columns are column names of records; has_ended is SQL over periods.
#}
{% macro annex_a_record_at_d(periods, records, id_column, start_column, end_column, has_ended, columns=[]) -%}
    {{ current_records(
        records, periods,
        periods ~ '.child_key = ' ~ records ~ '.child_key and '
        ~ is_open_at_or_ending_on(records ~ '.' ~ start_column, records ~ '.' ~ end_column,
                                  periods ~ '.status_date', has_ended),
        [periods ~ '.child_key'], id_column, start_column, columns
    ) }}
{%- endmacro %}
