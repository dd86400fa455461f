{#
    The constraints of a contracted model on Spark, the project's version of dbt-spark's
    spark__persist_constraints: dbt-spark takes a model without a file_format for Delta and
    runs `alter table ... change column ... set not null`, which a Parquet table (the
    project's tables: spark.sql.sources.default, profiles.yml) refuses
    (UNSUPPORTED_FEATURE.TABLE_OPERATION). Here the constraints are written only for a model
    configured as Delta; on Parquet the contract's column names and types are still checked,
    its not_null constraints are not enforced (as dbt-spark does for every other format).
#}
{% macro spark__persist_constraints(relation, model) -%}
    {%- set contract_config = config.get('contract') -%}
    {%- if contract_config.enforced and config.get('file_format') == 'delta' -%}
        {%- do alter_table_add_constraints(relation, model.constraints) -%}
        {%- do alter_column_set_constraints(relation, model.columns) -%}
    {%- endif -%}
{%- endmacro %}
