{#- The decimals the report shows a figure of `unit` with (src/csc/report/formatting.py):
    1 for percent, ratio and rate per 10,000; 2 for counts (a whole count shows none, an FTE
    two). Judgements and RAG statuses are made on differences rounded to these decimals. -#}
{% macro display_decimals(unit) -%}
    case when {{ unit }} = 'count' then 2 else 1 end
{%- endmacro %}

{#- better / worse / same of `value` against `reference` given `polarity`, on the difference
    rounded to the displayed decimals of `unit` (a change the report shows as 0 is `same`);
    null when either is null or the KPI is neutral. -#}
{% macro judgement(value, reference, polarity, unit) -%}
    case
        when {{ value }} is null or {{ reference }} is null then null
        when {{ polarity }} is null or {{ polarity }} not in ('higher_is_better', 'lower_is_better') then null
        when {{ round_double(value ~ ' - ' ~ reference, display_decimals(unit)) }} = 0 then 'same'
        when ({{ value }} > {{ reference }}) = ({{ polarity }} = 'higher_is_better') then 'better'
        else 'worse'
    end
{%- endmacro %}
