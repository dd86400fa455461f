{#
    Why files in the landing folder cannot be read from this path, or none. DuckDB reads a
    path holding a wildcard character (`*`, `?`, `[`) by listing folders, and then splits it
    on `\` as well as `/`; on Linux and macOS, where `\` is a character of a name, a path with
    both a backslash and a wildcard character therefore names no file, whatever the escaping
    (landing_path_literal handles every other character). A Windows path (`C:\...`, `\\server\...`)
    uses `\` as its separator and is fine.
#}
{% macro landing_path_problem(landing_dir) -%}
    {%- set is_windows_path = modules.re.match('^([A-Za-z]:)?\\\\', landing_dir) is not none -%}
    {%- if ('*' in landing_dir or '?' in landing_dir or '[' in landing_dir) and '\\' in landing_dir and not is_windows_path -%}
        {{ return("its path holds a backslash (\\) and one of * ? [ , a mix DuckDB cannot read literally; "
            ~ "rename the folder or move the files to a folder without these characters") }}
    {%- endif -%}
    {{ return(none) }}
{%- endmacro %}
