-- One row per health check of a looked-after child (health assessments, dental checks, others).

with

health_checks as (select * from {{ ref('stg_ssd__cla_health_checks') }}),

final as (

    select
        health_check_id,
        child_key,
        health_check_type_code,
        is_known_health_check_type,
        health_check_date,
        health_check_status_code,
        is_known_health_check_status,
        coalesce(health_check_status_code = 'COMPLETED', false) as is_completed
    from health_checks

)

select * from final
