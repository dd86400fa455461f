{#
    Last day of the calendar in dim_dates, as a SQL date expression: the last
    day the bank-holiday seed (ref_bank_holidays) covers.
#}
{% macro calendar_end_date() -%}
    cast('2099-12-31' as date)
{%- endmacro %}
