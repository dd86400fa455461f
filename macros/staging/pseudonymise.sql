{#
    The pseudonymous child key used outside staging: HMAC-SHA-256 of the cleaned person id
    (UTF-8) under the secret key CSC_PSEUDONYM_KEY, as 64 lower-case hex digits. The SQL
    function csc_pseudonym is a temporary macro that the dbt-duckdb plugin
    csc.dbt_plugins.pseudonym creates on each connection, so the key is never rendered into
    compiled SQL. Use it in table models only: a view calling it could not be read without
    the plugin. Null ids give null keys. See macros/_macros.yml for other databases.
#}
{% macro pseudonymise(column) -%}
    {{ return(adapter.dispatch('pseudonymise')(column)) }}
{%- endmacro %}

{% macro default__pseudonymise(column) -%}
    csc_pseudonym({{ clean_text(column) }})
{%- endmacro %}

{#- PostgreSQL: pgcrypto's hmac under the key in the session setting csc.pseudonym_key, which
    csc build passes in the connection options (PGOPTIONS) from CSC_PSEUDONYM_KEY, so the key
    is not rendered into SQL here either. -#}
{% macro postgres__pseudonymise(column) -%}
    encode(hmac(convert_to({{ clean_text(column) }}, 'UTF8'),
        decode(current_setting('csc.pseudonym_key'), 'hex'), 'sha256'), 'hex')
{%- endmacro %}

{#- Spark (4.3 has hmac): the key is the session setting spark.csc.pseudonym_key (profiles.yml,
    from CSC_PSEUDONYM_KEY), read through Spark's variable substitution, so the SQL text and
    dbt's logs show only its name. -#}
{% macro spark__pseudonymise(column) -%}
    lower(hex(hmac(unhex('${spark.csc.pseudonym_key}'), encode({{ clean_text(column) }}, 'UTF-8'), 'SHA-256')))
{%- endmacro %}
