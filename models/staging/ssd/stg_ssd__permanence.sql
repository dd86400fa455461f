{#
    Adoption decisions and milestones. adoption_order_date is permanence_order_date when
    permanence_order_type is blank or ADOPTION (landing-inspection.md "ssd_permanence").
#}
with source as (select * from {{ ref('base_ssd__permanence') }}),

typed as (
    select
        {{ clean_text('perm_table_id') }} as permanence_id,
        {{ clean_text('perm_person_id') }} as person_id,
        {{ pseudonymise('perm_person_id') }} as child_key,
        {{ clean_text('perm_cla_id') }} as cla_id,
        {{ parse_date('perm_adm_decision_date') }} as adoption_decision_date,
        {{ parse_date('perm_ffa_cp_decision_date') }} as ffa_cp_decision_date,
        {{ parse_date('perm_placement_order_date') }} as placement_order_date,
        {{ parse_date('perm_matched_date') }} as matched_date,
        {{ parse_date('perm_placed_for_adoption_date') }} as placed_for_adoption_date,
        {{ parse_date('perm_placed_ffa_cp_date') }} as placed_ffa_cp_date,
        {{ parse_date('perm_permanence_order_date') }} as permanence_order_date,
        {{ map_code('perm_permanence_order_type') }} as permanence_order_type_code,
        {{ is_known_code('perm_permanence_order_type') }} as is_known_permanence_order_type,
        case
            when {{ map_code('perm_permanence_order_type') }} is null
                or {{ map_code('perm_permanence_order_type') }} = 'ADOPTION'
                then {{ parse_date('perm_permanence_order_date') }}
        end as adoption_order_date,
        {{ parse_date('perm_decision_reversed_date') }} as decision_reversed_date,
        {{ map_code('perm_decision_reversed_reason') }} as decision_reversed_reason_code,
        {{ is_known_code('perm_decision_reversed_reason') }} as is_known_decision_reversed_reason,
        {{ parse_flag('perm_adopted_by_carer_flag') }} as is_adopted_by_carer,
        {{ parse_errors('ssd', 'ssd_permanence') }} as parse_errors,
        source.landing_row_number
    from source
    {{ join_code_lookups({'perm_permanence_order_type': 'permanence_order_type', 'perm_decision_reversed_reason': 'adoption_reversal_reason', 'perm_adopted_by_carer_flag': 'flag'}) }}
),

final as (
    {{ keep_first_per_key('typed', 'permanence_id') }}
)

select * from final
