{#
    Seeds on Spark: the project's versions of dbt-spark's spark__create_csv_table and
    spark__load_csv_rows, giving the same tables as DuckDB's seeds:
    - a seed's column_types (the seeds' YAML, DuckDB's and PostgreSQL's spelling) are read in
      Spark's (target_type: a bare varchar is `string`, which Spark needs: DATATYPE_MISSING_SIZE);
    - the cells are written into the insert as literals (spark_seed_literal): the session
      method's bindings quote a value without escaping it (a quote in the text breaks the SQL)
      and turn an empty cell into the text 'None';
    - each column's type is worked out once per seed, not once per cell: dbt-spark's
      adapter.convert_type() scans the whole column at each call, so its insert was quadratic
      in the rows (10,000 rows: 183 s, measured in the Spark spike on a 2-core machine).
#}
{% macro spark_seed_column_types(model, agate_table) -%}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set types = [] -%}
    {%- for column_name in agate_table.column_names -%}
        {%- set chosen = column_override.get(column_name) or adapter.convert_type(agate_table, loop.index0) -%}
        {%- do types.append(target_type(chosen)) -%}
    {%- endfor -%}
    {{ return(types) }}
{%- endmacro %}

{% macro spark__create_csv_table(model, agate_table) -%}
    {%- set types = spark_seed_column_types(model, agate_table) -%}
    {%- set quote_seed_column = model['config'].get('quote_columns', None) -%}
    {%- set sql -%}
        create table {{ this.render() }} (
            {%- for column_name in agate_table.column_names -%}
                {{ adapter.quote_seed_column(column_name | string, quote_seed_column) }} {{ types[loop.index0] }}
                {%- if not loop.last %}, {% endif -%}
            {%- endfor -%}
        )
        {{ file_format_clause() }}
        {{ partition_cols(label="partitioned by") }}
        {{ clustered_cols(label="clustered by") }}
        {{ location_clause() }}
        {{ comment_clause() }}
    {%- endset -%}
    {%- call statement('_') -%}
        {{ sql }}
    {%- endcall -%}
    {{ return(sql) }}
{%- endmacro %}

{% macro spark__load_csv_rows(model, agate_table) -%}
    {%- set types = spark_seed_column_types(model, agate_table) -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
        {%- set values = [] -%}
        {%- for row in chunk -%}
            {%- set cells = [] -%}
            {%- for value in row -%}
                {%- do cells.append('cast(' ~ spark_seed_literal(value) ~ ' as ' ~ types[loop.index0] ~ ')') -%}
            {%- endfor -%}
            {%- do values.append('(' ~ cells | join(', ') ~ ')') -%}
        {%- endfor -%}
        {%- set sql -%}
            insert into {{ this.render() }} values {{ values | join(', ') }}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.first -%}
            {%- do statements.append(sql) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(statements[0]) }}
{%- endmacro %}

{#- A seed cell as a Spark literal: null for an empty cell, true/false, else a string literal
    (backslashes and quotes escaped) that the insert casts to the column's type. -#}
{% macro spark_seed_literal(value) -%}
    {%- if value is none -%}
        null
    {%- elif value is boolean -%}
        {{ 'true' if value else 'false' }}
    {%- else -%}
        '{{ value | string | replace('\\', '\\\\') | replace("'", "\\'") }}'
    {%- endif -%}
{%- endmacro %}
