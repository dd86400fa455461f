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
    {%- set statements = [
        "create schema if not exists dfe_validation",
        "create table if not exists dfe_validation.runs (
            statutory_return varchar, collection_year varchar, ruleset varchar, ruleset_note varchar,
            engine varchar, engine_version varchar, rules_run integer, findings integer,
            rules_failed varchar, rules_skipped varchar, returns_manifest_sha256 varchar,
            validated_at timestamp)",
        "create table if not exists dfe_validation.rules_run (
            statutory_return varchar, collection_year varchar, ruleset varchar, rule_code varchar,
            rule_type varchar, message varchar, validated_at timestamp)",
        "create table if not exists dfe_validation.findings (
            statutory_return varchar, collection_year varchar, ruleset varchar, rule_code varchar,
            rule_type varchar, message varchar, engine_table varchar, return_table varchar,
            return_row integer, child_key varchar, landing_table varchar,
            landing_row_number bigint, fields varchar, validated_at timestamp)",
    ] -%}
    {%- if flags.WHICH == 'run-operation' -%}
        {%- for statement in statements -%}
            {%- do run_query(statement) -%}
        {%- endfor -%}
        {{ return('') }}
    {%- endif -%}
    {{ return(statements | join(";\n") ~ ";") }}
{%- endmacro %}
