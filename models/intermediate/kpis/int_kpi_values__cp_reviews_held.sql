{#
    The CP review timeliness KPI of kpis-inspection.md (see _int_kpis__marts_one.yml;
    catalogue area `child_protection`): every review conference held, matched to a plan
    (int_cp_review_chains) and dated in the window is a unit of `cp_reviews_timely`, on time when held on or before its due date
    (int_cp_review_chains.is_late).
#}

with

{{ kpi_periods('child_protection', ['cp_reviews_timely']) }},

review_chains as (select * from {{ ref('int_cp_review_chains') }}),

{{ review_timeliness_units('review_chains', 'cp_reviews_timely', 'cp_review_date') }},

{{ kpi_values_from_units([]) }}

select * from final
