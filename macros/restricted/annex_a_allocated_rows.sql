{#
    The rows of an Annex A list of CP plans or periods of care (lists 7 and 8) with their
    allocated team and worker (annex_a_allocated_ids): the child's involvement of
    int_annex_a__allocations (the CTE `allocations`, joined on person_id) when it has one,
    else the team and worker of the row's referral (the CTE `referrals`, stg_ssd__cin_episodes,
    joined on referral_id). A select of every column of `relation`, then allocated_team_id and
    allocated_worker_id.
#}
{% macro annex_a_allocated_rows(relation) -%}
    select
        {{ relation }}.*,
        {{ annex_a_allocated_ids('referrals.referral_team_id', 'referrals.referral_worker_id') }}
    from {{ relation }}
    left join allocations
        on {{ relation }}.person_id = allocations.person_id
    left join referrals
        on {{ relation }}.referral_id = referrals.referral_id
{%- endmacro %}
