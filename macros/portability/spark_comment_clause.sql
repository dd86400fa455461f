{#
    The `comment '...'` of a Spark table or view (persist_docs relation), the project's version
    of dbt-spark's spark__comment_clause: a backslash of the description is escaped as well as a
    quote, and a description longer than the metastore keeps (Derby's VARCHAR of 32,672
    characters: kpi_catalogue's, with the KPI definitions, is longer) is cut at
    spark_comment_max_characters() and says so; the whole text stays in the dbt docs.
#}
{% macro spark_comment_max_characters() -%}
    {{ return(32000) }}
{%- endmacro %}

{% macro spark__comment_clause() -%}
    {%- set raw_persist_docs = config.get('persist_docs', {}) -%}
    {%- if raw_persist_docs is mapping -%}
        {%- if raw_persist_docs.get('relation', false) -%}
            {%- set description = model.description -%}
            {%- if description | length > spark_comment_max_characters() -%}
                {%- set description = description[:spark_comment_max_characters()] ~ ' [cut: the whole description is in the dbt docs]' -%}
            {%- endif %}
    comment '{{ description | replace('\\', '\\\\') | replace("'", "\\'") }}'
        {%- endif -%}
    {%- elif raw_persist_docs -%}
        {{ exceptions.raise_compiler_error("Invalid value provided for 'persist_docs'. Expected dict but got value: " ~ raw_persist_docs) }}
    {%- endif -%}
{%- endmacro %}
