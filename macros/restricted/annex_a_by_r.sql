{#
    The Annex A cut-off at R (docs/contracts/annex-a.md: nothing after the as-at date is
    known), on the as_at_date of int_annex_a__parameters joined as `parameters`:
    annex_a_by_r: `value` (by default the date itself) when `date` is on or before R, else
    null (an end after R has not happened yet); annex_a_end_or_r: the end `date` or R,
    whichever is first (R for an open record), the last day a record's visits count.
#}
{% macro annex_a_by_r(date, value=none, parameters='parameters') -%}
    case when {{ date }} <= {{ parameters }}.as_at_date then {{ value if value is not none else date }} end
{%- endmacro %}

{% macro annex_a_end_or_r(date, parameters='parameters') -%}
    case when {{ date }} <= {{ parameters }}.as_at_date then {{ date }} else {{ parameters }}.as_at_date end
{%- endmacro %}
