{#
    The pseudonymous child key used outside staging: an md5 of the salted person id.
    The salt is var `pseudonym_salt` (env CSC_PSEUDONYM_SALT); set it per authority and keep
    it secret so keys cannot be recomputed from a known id. Null ids give null keys.
#}
{% macro pseudonymise(column) -%}
    case
        when {{ clean_text(column) }} is not null
            then md5('{{ var("pseudonym_salt") }}' || '|' || {{ clean_text(column) }})
    end
{%- endmacro %}
