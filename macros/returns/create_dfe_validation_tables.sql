{#
    Creates schema `dfe_validation` and its three raw tables, empty, when they are absent
    (README "Validating a return"). `csc validate` loads them with what the DfE rule engines
    found; the tables are declared as the source `dfe_validation`
    (models/staging/dfe_validation/_dfe_validation__sources.yml), so that a build before any
    validation reads empty tables instead of failing. Existing tables are never touched.

    Runs as an on-run-start hook for the commands that build, and through
    `dbt run-operation create_dfe_validation_tables` from `csc validate`.
#}
{% macro create_dfe_validation_tables() -%}
    {%- if not execute or flags.WHICH not in ['build', 'run', 'compile', 'show', 'run-operation', 'retry'] -%}
        {{ return('') }}
    {%- endif -%}
    {#- dbt.type_string(): Spark has no bare varchar (its text type is string). -#}
    {%- set text = dbt.type_string() -%}
    {%- set statements = [
        "create schema if not exists dfe_validation",
        "create table if not exists dfe_validation.runs (
            statutory_return " ~ text ~ ", collection_year " ~ text ~ ", ruleset " ~ text ~ ", ruleset_note " ~ text ~ ",
            engine " ~ text ~ ", engine_version " ~ text ~ ", rules_run integer, findings integer,
            rules_failed " ~ text ~ ", rules_skipped " ~ text ~ ", returns_manifest_sha256 " ~ text ~ ",
            validated_at timestamp)",
        "create table if not exists dfe_validation.rules_run (
            statutory_return " ~ text ~ ", collection_year " ~ text ~ ", ruleset " ~ text ~ ", rule_code " ~ text ~ ",
            rule_type " ~ text ~ ", message " ~ text ~ ", validated_at timestamp)",
        "create table if not exists dfe_validation.findings (
            statutory_return " ~ text ~ ", collection_year " ~ text ~ ", ruleset " ~ text ~ ", rule_code " ~ text ~ ",
            rule_type " ~ text ~ ", message " ~ text ~ ", engine_table " ~ text ~ ", return_table " ~ text ~ ",
            return_row integer, child_key " ~ text ~ ", landing_table " ~ text ~ ",
            landing_row_number bigint, fields " ~ text ~ ", validated_at timestamp)",
    ] -%}
    {#- Spark runs one statement per call: there the hook runs them one by one too. -#}
    {%- if flags.WHICH == 'run-operation' or target.type == 'spark' -%}
        {%- for statement in statements -%}
            {%- do run_query(statement) -%}
        {%- endfor -%}
        {{ return('') }}
    {%- endif -%}
    {{ return(statements | join(";\n") ~ ";") }}
{%- endmacro %}
