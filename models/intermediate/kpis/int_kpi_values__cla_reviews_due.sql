{#
    The CLA review KPI at P of kpis-inspection.md (see _int_kpis__marts_two.yml; catalogue
    area `children_in_care`): every child whose period of care has a review due by P
    (int_cla_review_status_at_period_end) is a unit of `cla_reviews_all_on_time`.
#}

with

{{ kpi_periods('children_in_care', ['cla_reviews_all_on_time']) }},

review_status as (select * from {{ ref('int_cla_review_status_at_period_end') }}),

{{ review_status_units('review_status', 'cla_reviews_all_on_time') }},

{{ kpi_values_from_units([]) }}

select * from final
