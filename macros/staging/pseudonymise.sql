{#
    The pseudonymous child key used outside staging: HMAC-SHA-256 of the cleaned person id
    (UTF-8) under the secret key CSC_PSEUDONYM_KEY, as 64 lower-case hex digits. The SQL
    function csc_pseudonym is a temporary macro that the dbt-duckdb plugin
    csc.dbt_plugins.pseudonym creates on each connection, so the key is never rendered into
    compiled SQL. Use it in table models only: a view calling it could not be read without
    the plugin. Null ids give null keys. See macros/_macros.yml for other databases.
#}
{% macro pseudonymise(column) -%}
    csc_pseudonym({{ clean_text(column) }})
{%- endmacro %}
