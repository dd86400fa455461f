{#
    The SQL expressions that read a landing file's columns as text in the contract's forms
    (landing.md: every landing column is text; staging parses it), and the problems that make
    a column unreadable. `wanted` maps each contract column (lower case) to its name in the
    file. Returns {'expressions': {contract column: SQL expression}, 'errors': [message, ...]}.

    A CSV's columns are text already. A Parquet file's columns are typed, and each type becomes
    text exactly as written or is a load error naming file, column and type:
    - text, integers (no `.0`), booleans (`true`/`false`, read as flags) and other scalars: as they are;
    - DATE: `YYYY-MM-DD`; TIMESTAMP (any precision): `YYYY-MM-DD HH:MM:SS` (staging drops the time);
      TIMESTAMP WITH TIME ZONE: the same, as the time in England (Europe/London);
    - DOUBLE, FLOAT, DECIMAL: a whole number as an integer (`1001.0` -> `1001`), any other value
      as DuckDB writes it (`12.7`). Ids are text in the contract: in an id column (the table's
      key, its person column, a `*_id`, `*_team` or `*_department` column) a value that is not a
      whole number held exactly (a fractional part, NaN, infinity, or beyond 2^53 for DOUBLE,
      2^24 for FLOAT) is a load error: the id cannot be known;
    - BLOB and nested types (lists, structs, maps): a load error.
    DuckDB only; called by register_landing_files.
#}
{% macro landing_columns_as_text(file_info, identifier, wanted) -%}
    {%- set expressions = {} -%}
    {%- set errors = [] -%}
    {%- set keys = landing_table_keys() | selectattr('table', 'equalto', identifier) | list -%}
    {%- set key_columns = [keys[0].key, keys[0].person] if keys else [] -%}
    {%- set id_checks = [] -%}
    {%- for contract_name, file_column in wanted.items() -%}
        {%- set column = '"' ~ (file_column | replace('"', '""')) ~ '"' -%}
        {%- set data_type = file_info.column_types[file_column] -%}
        {%- set is_id = contract_name in key_columns or contract_name.endswith('_id')
            or contract_name.endswith('_team') or contract_name.endswith('_department') -%}
        {%- set where = "landing file " ~ file_info.file_name ~ ": column " ~ file_column ~ " is " ~ data_type -%}
        {%- if data_type == 'VARCHAR' -%}
            {%- do expressions.update({contract_name: column}) -%}
        {%- elif data_type in ('DOUBLE', 'FLOAT') or data_type.startswith('DECIMAL') -%}
            {%- if data_type.startswith('DECIMAL') -%}
                {%- set is_exact_whole = column ~ " = trunc(" ~ column ~ ")" -%}
            {%- else -%}
                {%- set is_exact_whole = "isfinite(" ~ column ~ ") and " ~ column ~ " = trunc(" ~ column ~ ") and abs("
                    ~ column ~ ") <= " ~ ("16777216" if data_type == 'FLOAT' else "9007199254740992") -%}
            {%- endif -%}
            {%- do expressions.update({contract_name: "case when " ~ is_exact_whole ~ " then cast(cast(" ~ column
                ~ " as hugeint) as varchar) else cast(" ~ column ~ " as varchar) end"}) -%}
            {%- if is_id -%}
                {%- do id_checks.append((where, column ~ " is not null and not (" ~ is_exact_whole ~ ")")) -%}
            {%- endif -%}
        {%- elif data_type == 'TIMESTAMP WITH TIME ZONE' -%}
            {%- do expressions.update({contract_name: "strftime(timezone('Europe/London', " ~ column ~ "), '%Y-%m-%d %H:%M:%S')"}) -%}
        {%- elif data_type.startswith('TIMESTAMP') -%}
            {%- do expressions.update({contract_name: "strftime(" ~ column ~ ", '%Y-%m-%d %H:%M:%S')"}) -%}
        {%- elif data_type == 'DATE' -%}
            {%- do expressions.update({contract_name: "strftime(" ~ column ~ ", '%Y-%m-%d')"}) -%}
        {%- elif data_type == 'BLOB' -%}
            {%- do errors.append(where ~ " (binary); export it as text (a UTF-8 string column)") -%}
        {%- elif '[' in data_type or data_type.startswith(('STRUCT', 'MAP', 'UNION', 'VARIANT')) -%}
            {%- do errors.append(where ~ ", a nested type; export one plain value per column") -%}
        {%- else -%}
            {%- do expressions.update({contract_name: "cast(" ~ column ~ " as varchar)"}) -%}
        {%- endif -%}
    {%- endfor -%}

    {#- one pass over the file for every id column of a floating or decimal type -#}
    {%- if id_checks -%}
        {%- set measures = [] -%}
        {%- for where, is_bad in id_checks -%}
            {%- do measures.append("count(*) filter (where " ~ is_bad ~ "), min(file_row_number) filter (where " ~ is_bad ~ ") + 1") -%}
        {%- endfor -%}
        {%- set checked = run_query("select " ~ measures | join(", ") ~ " from " ~ file_info.reader) -%}
        {%- for where, is_bad in id_checks -%}
            {%- set bad_count = checked.columns[loop.index0 * 2].values()[0] -%}
            {%- if bad_count > 0 -%}
                {%- do errors.append(where ~ " and " ~ bad_count ~ " of its values are not whole numbers held exactly (first on row "
                    ~ checked.columns[loop.index0 * 2 + 1].values()[0] ~ "), so the ids cannot be known; "
                    ~ "ids are text in the contract: export ids as text") -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return({'expressions': expressions, 'errors': errors}) }}
{%- endmacro %}
