{#
    First day of the calendar in dim_dates, as a SQL date expression. It is the
    first day the bank-holiday seed (ref_bank_holidays) covers, so every day of
    the calendar has a known working-day status.
#}
{% macro calendar_start_date() -%}
    cast('1900-01-01' as date)
{%- endmacro %}
