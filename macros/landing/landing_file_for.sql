{#
    Finds the landing file of one table: `<dir>/<table>.csv` or `<dir>/<table>.parquet`.
    Returns a dict with `file_name`, `path`, `format` ('csv' or 'parquet'), `reader` (the
    DuckDB table function call that reads it), `row_number_expression`, `columns` (the column
    names as in the file), `column_types` (Parquet: name -> DuckDB type; CSV: every column
    VARCHAR), `warning` (a header and no rows: valid, zero rows), or `error` (a message
    naming the file) when the file cannot be read as the contract says (landing.md "Files"):
    no file (then also `missing`: true, which register_landing_files forgives for an optional file), both a CSV and a Parquet file, a folder in the file's place, an empty file
    (0 bytes, or only blank lines and spaces: no header, a failed export), a CSV that is not
    UTF-8, not comma-separated or has rows with more or fewer fields than its header, a
    `.parquet` file that is not Parquet or is cut short.
    Paths reach SQL through landing_path_literal. DuckDB only; called by register_landing_files.
#}
{% macro landing_file_for(landing_dir, identifier) -%}
    {%- set base = landing_dir ~ '/' ~ identifier -%}
    {%- set found = run_query(
        "select file from glob(" ~ landing_path_literal(base ~ '.csv') ~ ") "
        ~ "union all select file from glob(" ~ landing_path_literal(base ~ '.parquet') ~ ") order by 1") -%}
    {%- set paths = found.columns[0].values() | list -%}
    {%- if paths | length == 0 -%}
        {#- a folder of that name is listed by a pattern ending in `/` (glob lists files only) -#}
        {%- set folders = run_query(
            "select parse_filename(file) from glob(" ~ landing_path_literal(landing_dir, '/*/') ~ ") "
            ~ "where parse_filename(file) in ('" ~ identifier ~ ".csv', '" ~ identifier ~ ".parquet') order by 1") -%}
        {%- set folder_names = folders.columns[0].values() | list -%}
        {%- if folder_names -%}
            {{ return({'error': "landing file " ~ folder_names[0] ~ " is a folder, not a file; put the table's file itself in the landing folder"}) }}
        {%- endif -%}
        {{ return({'missing': true, 'error': "missing file " ~ identifier ~ ".csv (or " ~ identifier ~ ".parquet); a table with no rows is sent as a header-only file"}) }}
    {%- elif paths | length > 1 -%}
        {{ return({'error': "both " ~ identifier ~ ".csv and " ~ identifier ~ ".parquet are present; send one of them"}) }}
    {%- endif -%}
    {%- set path = paths[0] -%}
    {%- set quoted = landing_path_literal(path) -%}
    {%- set is_parquet = path.endswith('.parquet') -%}
    {%- set file_name = identifier ~ ('.parquet' if is_parquet else '.csv') -%}

    {#- size, and for a CSV: whether the bytes are UTF-8, the header line (without a BOM and CR), and
        whether there is anything but blank lines and spaces; for a Parquet file: its magic bytes -#}
    {%- set blob = run_query(
        "select size, text is not null as is_utf8, "
        ~ "coalesce(trim(replace(replace(split_part(text, chr(10), 1), chr(13), ''), chr(65279), '')), '') as header_line, "
        ~ "coalesce(length(trim(text, chr(10) || chr(13) || ' ' || chr(9) || chr(65279))), 0) = 0 as is_blank "
        ~ "from (select size, "
        ~ ("cast(null as varchar)" if is_parquet else "try(decode(content))") ~ " as text from read_blob(" ~ quoted ~ "))") -%}
    {%- set size = blob.columns[0].values()[0] -%}
    {%- set is_utf8 = blob.columns[1].values()[0] -%}
    {%- set header_line = blob.columns[2].values()[0] -%}
    {%- set is_blank = blob.columns[3].values()[0] -%}

    {%- set no_rows_hint = "a table with no rows is sent as a header-only file" if not is_parquet
        else "a table with no rows is sent as a file with its columns and no rows" -%}
    {%- if size == 0 -%}
        {{ return({'error': "landing file " ~ file_name ~ " is empty (0 bytes, no header): this looks like a failed export; "
            ~ "export the table again (" ~ no_rows_hint ~ ")"}) }}
    {%- elif not is_parquet and is_utf8 and is_blank -%}
        {{ return({'error': "landing file " ~ file_name ~ " is empty (" ~ size ~ " bytes of blank lines or spaces only, no header): "
            ~ "this looks like a failed export; export the table again (" ~ no_rows_hint ~ ")"}) }}
    {%- endif -%}

    {%- if is_parquet -%}
        {{ return(landing_parquet_file(path, file_name, size)) }}
    {%- endif -%}

    {%- if not is_utf8 -%}
        {#- find the first line that is not UTF-8, reading each line as one text column -#}
        {%- set rejects = 'landing_rejects_' ~ identifier -%}
        {%- do run_query(
            "select count(*) from read_csv(" ~ quoted ~ ", header = false, auto_detect = false, "
            ~ "columns = {'line': 'VARCHAR'}, delim = chr(30), quote = '', escape = '', strict_mode = false, "
            ~ "store_rejects = true, rejects_table = '" ~ rejects ~ "', rejects_scan = '" ~ rejects ~ "_scan')") -%}
        {%- set bad = run_query("select min(line) from " ~ rejects ~ " where error_type = 'INVALID ENCODING'") -%}
        {%- set first_line = bad.columns[0].values()[0] -%}
        {{ return({'error': "landing file " ~ file_name ~ " is not UTF-8 encoded"
            ~ (" (first invalid text on line " ~ first_line ~ ")" if first_line else "")
            ~ "; save it as UTF-8 (e.g. 'CSV UTF-8' in Excel) and load again"}) }}
    {%- endif -%}

    {#- the header: comma-separated names, quotes optional -#}
    {%- set names = [] -%}
    {%- for raw in header_line.split(',') -%}
        {%- do names.append(raw | trim | replace('"', '') | trim) -%}
    {%- endfor -%}
    {%- if names | length == 1 -%}
        {%- for delimiter, label in [(';', 'semicolon'), ('\t', 'tab'), ('|', 'pipe')] -%}
            {%- if delimiter in header_line -%}
                {{ return({'error': "landing file " ~ file_name ~ " is not comma-separated: its header looks "
                    ~ label ~ "-separated (" ~ (header_line[:60] ~ ('...' if header_line | length > 60 else '')) ~ "); save it with commas between the values"}) }}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set lowered = names | map('lower') | list -%}
    {%- for name in lowered -%}
        {%- if name and lowered.count(name) > 1 -%}
            {{ return({'error': "landing file " ~ file_name ~ " has the column " ~ name ~ " more than once in its header"}) }}
        {%- endif -%}
    {%- endfor -%}
    {%- set columns = [] -%}
    {%- set column_types = {} -%}
    {%- set struct = [] -%}
    {%- for name in names -%}
        {%- set column = name if name else 'unnamed_column_' ~ loop.index -%}
        {%- do columns.append(column) -%}
        {%- do column_types.update({column: 'VARCHAR'}) -%}
        {%- do struct.append(dbt.string_literal(dbt.escape_single_quotes(column)) ~ ": 'VARCHAR'") -%}
    {%- endfor -%}
    {%- set reader = "read_csv(" ~ quoted ~ ", header = true, auto_detect = false, columns = {" ~ struct | join(', ')
        ~ "}, delim = ',', quote = '\"', escape = '\"', strict_mode = true)" -%}

    {#- every row must have as many fields as the header: read once, collecting the rows that do not -#}
    {%- set rejects = 'landing_rejects_' ~ identifier -%}
    {%- set counted = run_query(
        "select count(*) from " ~ reader[:-1] ~ ", store_rejects = true, rejects_table = '" ~ rejects
        ~ "', rejects_scan = '" ~ rejects ~ "_scan')") -%}
    {%- set row_count = counted.columns[0].values()[0] -%}
    {%- set problems = run_query(
        "select count(*), string_agg('line ' || line || ': ' || error_type || ' (' || error_message || ')', '; ' order by line) "
        ~ "filter (where line_rank <= 3), count(*) filter (where is_too_long), min(line) filter (where is_too_long) from ("
        ~ "select line, lower(min(error_type)) as error_type, replace(min(error_message), chr(10), ' ') as error_message, "
        ~ "bool_or(error_type = 'LINE SIZE OVER MAXIMUM') as is_too_long, "
        ~ "row_number() over (order by line) as line_rank from " ~ rejects ~ " group by line)") -%}
    {%- set problem_count = problems.columns[0].values()[0] -%}
    {%- if problems.columns[2].values()[0] > 0 -%}
        {{ return({'error': "landing file " ~ file_name ~ " has " ~ problems.columns[2].values()[0] ~ " line(s) longer than DuckDB's "
            ~ "2,000,000-byte limit (first: line " ~ problems.columns[3].values()[0] ~ "); a row is one line of a few hundred bytes: "
            ~ "look for a missing line ending or an unclosed quote, and export the table again"}) }}
    {%- endif -%}
    {%- if problem_count > 0 -%}
        {{ return({'error': "landing file " ~ file_name ~ " has " ~ problem_count ~ " row(s) that do not match its header of "
            ~ columns | length ~ " column(s): " ~ problems.columns[1].values()[0]
            ~ ("; ..." if problem_count > 3 else "") ~ ". Quote values that contain commas, and send one row per line"}) }}
    {%- endif -%}
    {{ return({'file_name': file_name, 'path': path, 'format': 'csv', 'columns': columns, 'column_types': column_types,
               'warning': ("landing file " ~ file_name ~ " has a header and no rows; read as zero rows" if row_count == 0 else none),
               'reader': reader,
               'row_number_expression': 'row_number() over ()'}) }}
{%- endmacro %}
