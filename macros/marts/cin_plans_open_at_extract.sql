{#
    The CIN plans open at the extract date, for the analyses that describe "children currently
    with a CIN plan": every column of fct_cin_plans and extract_date (the period end of the
    latest reporting period, dim_reporting_periods), for the plans open at it (is_open_at:
    start <= D and no end or an end after D).
#}
{% macro cin_plans_open_at_extract() %}
    select
        plans.*,
        extract_period.extract_date
    from {{ ref('fct_cin_plans') }} as plans
    cross join (
        select period_end as extract_date
        from {{ ref('dim_reporting_periods') }}
        where is_latest_period
    ) as extract_period
    where {{ is_open_at('plans.cin_plan_start_date', 'plans.cin_plan_end_date', 'extract_period.extract_date') }}
{% endmacro %}
