{#
    True when a (canonical) legal status code is an SSDA903 legal status, C1 ... V4 (code
    list 144): the only codes the CLA rules consider (kpis.md "Legal status"; landing-
    inspection.md "Change to kpis.md"). ssd_legal_status also holds orders outside the
    SSDA903 (SO, ISO, SGO, CAO, PF) and unknown codes: such a row never makes a child looked
    after and never hides their SSDA903 legal status. False for any other code, null for null.
    Staging sets stg_ssd__legal_statuses.is_ssda903_legal_status with it; int_cla_legal_statuses
    and the SSDA903 return read that flag.
#}
{% macro is_ssda903_legal_status(code) -%}
    {{ code }} in ('C1', 'C2', 'D1', 'E1', 'J1', 'J2', 'J3', 'L1', 'L2', 'L3', 'V2', 'V3', 'V4')
{%- endmacro %}
