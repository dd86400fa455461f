{#
    The CP review KPI at P of kpis-inspection.md (see _int_kpis__marts_one.yml; catalogue
    area `child_protection`): every child whose current plan has a review due by P
    (int_cp_review_status_at_period_end) is a unit of `cp_reviews_all_on_time`.
#}

with

{{ kpi_periods('child_protection', ['cp_reviews_all_on_time']) }},

review_status as (select * from {{ ref('int_cp_review_status_at_period_end') }}),

{{ review_status_units('review_status', 'cp_reviews_all_on_time') }},

{{ kpi_values_from_units([]) }}

select * from final
