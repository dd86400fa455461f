{#
    Parses a landing date (landing.md "Dates"): YYYY-MM-DD, optionally followed by a time
    after `T` or a space, or DD/MM/YYYY (always day first). The time must be a real time of
    day (hours 00-23, minutes and seconds 00-59): `2021-04-30 25:00` or `2021-04-30T10:61` is
    not a date. A valid time is dropped. Returns a DATE, or null when the value is null,
    matches neither shape, names a day that does not exist (31/02/2021) or has an impossible
    time; such values are reported through `parse_errors`, never silently lost.
    A date outside the working-day calendar is still a date here: the models that count
    working days leave such a record out and csc_date_outside_calendar reports it.
    Engine-specific regex and strptime are dispatched.
#}
{% macro parse_date(column) -%}
    {{ return(adapter.dispatch('parse_date')(column)) }}
{%- endmacro %}

{% macro duckdb__parse_date(column) -%}
    {%- set value = clean_text(column) -%}
    case
        when regexp_full_match(
            {{ value }},
            '\d{4}-\d{2}-\d{2}([T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?)?'
        )
            then try_cast(substr({{ value }}, 1, 10) as date)
        when regexp_full_match({{ value }}, '\d{1,2}/\d{1,2}/\d{4}')
            then cast(try_strptime({{ value }}, '%d/%m/%Y') as date)
    end
{%- endmacro %}

{#- PostgreSQL has no try_cast: the shapes are matched first, then the day is checked against
    its month before make_date, so invalid text gives null, never an error. Year 0 is null. -#}
{% macro postgres__parse_date(column) -%}
    {%- set value = clean_text(column) -%}
    case
        when {{ value }} ~ '^\d{4}-\d{2}-\d{2}([T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?)?$'
            then {{ postgres__date_from_parts(
                'cast(substr(' ~ value ~ ', 1, 4) as integer)',
                'cast(substr(' ~ value ~ ', 6, 2) as integer)',
                'cast(substr(' ~ value ~ ', 9, 2) as integer)') }}
        when {{ value }} ~ '^\d{1,2}/\d{1,2}/\d{4}$'
            then {{ postgres__date_from_parts(
                "cast(split_part(" ~ value ~ ", '/', 3) as integer)",
                "cast(split_part(" ~ value ~ ", '/', 2) as integer)",
                "cast(split_part(" ~ value ~ ", '/', 1) as integer)") }}
    end
{%- endmacro %}

{#- The date of year, month and day (integer expressions) when it exists; null otherwise (nested cases: PostgreSQL
    does not promise the order of `and`). -#}
{% macro postgres__date_from_parts(year, month, day) -%}
    case
        when {{ year }} >= 1 and {{ month }} between 1 and 12 and {{ day }} >= 1
            then case
                when {{ day }} <= extract(day from make_date({{ year }}, {{ month }}, 1) + interval '1 month' - interval '1 day')
                    then make_date({{ year }}, {{ month }}, {{ day }})
            end
    end
{%- endmacro %}

{#- Spark (ANSI mode off, as dbt-spark sets it): a cast or to_date of a day that does not exist
    is null. Raw string literals: Spark's strings read `\` as an escape. -#}
{% macro spark__parse_date(column) -%}
    {%- set value = clean_text(column) -%}
    case
        when {{ value }} rlike r'^\d{4}-\d{2}-\d{2}([T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?)?$'
            then cast(substr({{ value }}, 1, 10) as date)
        when {{ value }} rlike r'^\d{1,2}/\d{1,2}/\d{4}$'
            then to_date({{ value }}, 'd/M/yyyy')
    end
{%- endmacro %}
