{#
    The CLA review timeliness KPI of kpis-inspection.md (see _int_kpis__marts_two.yml;
    catalogue area `children_in_care`): every review held, matched to a period of care
    that is not a short-break period (int_cla_review_chains) and dated in the window is a
    unit of `cla_reviews_timely`, on time unless late (int_cla_review_chains.is_late:
    review 1 more than 20 working days after the start, later ones after their due date).
#}

with

{{ kpi_periods('children_in_care', ['cla_reviews_timely']) }},

review_chains as (select * from {{ ref('int_cla_review_chains') }}),

{{ review_timeliness_units('review_chains', 'cla_reviews_timely', 'cla_review_date') }},

{{ kpi_values_from_units([]) }}

select * from final
