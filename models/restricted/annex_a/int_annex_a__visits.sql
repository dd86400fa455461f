{#
    The CIN, CP and CLA visits of every child for Annex A lists 6-8, one row per visit:
    visit_type (cin, cp, cla), the person id, the date and the seen and seen-alone flags as
    recorded (null when blank or unreadable). List 6 reads the seen visits of any type,
    List 7 the CP visits, List 8 the CLA visits.
#}

with

cin_visits as (select * from {{ ref('stg_ssd__cin_visits') }}),

cp_visits as (select * from {{ ref('stg_ssd__cp_visits') }}),

cla_visits as (select * from {{ ref('stg_ssd__cla_visits') }}),

final as (
    select
        'cin' as visit_type,
        cin_visit_id as visit_id,
        person_id,
        cin_visit_date as visit_date,
        is_child_seen,
        is_child_seen_alone
    from cin_visits
    union all
    select
        'cp' as visit_type,
        cp_visit_id as visit_id,
        person_id,
        cp_visit_date as visit_date,
        is_child_seen,
        is_child_seen_alone
    from cp_visits
    union all
    select
        'cla' as visit_type,
        cla_visit_id as visit_id,
        person_id,
        cla_visit_date as visit_date,
        is_child_seen,
        is_child_seen_alone
    from cla_visits
)

select * from final
