{#
    The UASC column of lists 8 and 9 (int_annex_a__children.uasc), blank without
    ssd_immigration_status; b) No for a person not in ssd_person. `parameters` names the
    relation with the column is_immigration_status_supplied.
#}
{% macro annex_a_uasc(parameters='parameters') -%}
    case
        when {{ parameters }}.is_immigration_status_supplied then coalesce(children.uasc, 'b) No')
    end
{%- endmacro %}
