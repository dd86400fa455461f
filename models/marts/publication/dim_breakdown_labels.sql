{#-
    The words for every breakdown value of fct_kpi_values, in the order a reader expects, for
    the report's breakdown tables and the published database (`breakdown_labels`, and the view
    `kpi_values_labelled`).

    * Coded breakdowns take the description of their DfE code list in ref_codes (referral and
      contact sources: the CIN census referral-source list; placement types, legal statuses,
      categories of abuse, assessment factors, audit grades), in the list's own order
      (`code_order`). Every code of those lists has a row, seen in the data or not.
    * Bands and factor groups take ref_breakdown_bands: bands in their natural order (under
      1 year ... 2 years or more), not alphabetical.
    * Teams take their name from dim_teams.
    * Breakdowns whose values are already words (locality, service, audit theme, role) keep the
      value as the label, in alphabetical order.
    * `unknown` is "Not recorded", last in every breakdown; `all` is "All", first.

    Rows: every value of the lists above plus every (breakdown, breakdown_value) of
    fct_kpi_values. A coded value the reference does not know keeps its raw value as the label
    with label_source `value`; the test assert_breakdown_labels_cover_coded_values fails then.
-#}

with

kpi_values as (select * from {{ ref('fct_kpi_values') }}),

codes as (select * from {{ ref('ref_codes') }}),

bands as (select * from {{ ref('ref_breakdown_bands') }}),

teams as (select * from {{ ref('dim_teams') }}),

-- Each breakdown of the KPI contract: its heading, its position among the breakdowns of a KPI
-- and, for coded breakdowns, where its labels come from.
breakdowns as (

    select *
    from (
        values
        ('all', 'All', 0, null, false),
        ('locality', 'Locality', 1, null, false),
        ('service', 'Service', 2, null, false),
        ('team', 'Team', 3, null, true),
        ('referral_source', 'Referral source', 4, 'referral_source', true),
        ('contact_source', 'Contact source', 5, 'referral_source', true),
        ('category_of_abuse', 'Category of abuse', 6, 'category_of_abuse', true),
        ('duration_band', 'Duration of plan', 7, null, true),
        ('cp_duration_band', 'Length of plan', 8, null, true),
        ('age_band', 'Age band', 9, null, true),
        ('factor_group', 'Factors identified (group)', 10, null, true),
        ('factor', 'Factor identified', 11, 'assessment_factor', true),
        ('audit_theme', 'Audit theme', 12, null, false),
        ('grade', 'Grade', 13, 'audit_grade', true),
        ('role', 'Role', 14, null, false),
        ('placement_type', 'Placement type', 15, 'placement_type', true),
        ('legal_status', 'Legal status', 16, 'legal_status', true)
    ) as b (breakdown, breakdown_label, breakdown_order, code_list, is_coded)

),

-- Descriptions written for the code-list seed carry notes for analysts in brackets
-- ("(must stand alone, CIN rule 8869)", "(legacy, ...)"): a row label drops them.
code_labels as (

    select
        breakdowns.breakdown,
        codes.code as breakdown_value,
        regexp_replace(codes.description, '\s*\((legacy|must stand alone)[^)]*\)$', '') as label,
        codes.code_order as explicit_order,
        'ref_codes' as label_source
    from breakdowns
    inner join codes on breakdowns.code_list = codes.code_list

),

band_labels as (

    select
        breakdown,
        breakdown_value,
        label,
        sort_order as explicit_order,
        'ref_breakdown_bands' as label_source
    from bands

),

team_labels as (

    select
        'team' as breakdown,
        team_id as breakdown_value,
        team_name as label,
        cast(null as integer) as explicit_order,
        'dim_teams' as label_source
    from teams
    where team_name is not null

),

referenced as (

    select * from code_labels
    union all
    select * from band_labels
    union all
    select * from team_labels

),

observed as (

    select distinct
        breakdown,
        breakdown_value
    from kpi_values

),

all_values as (

    select
        breakdown,
        breakdown_value
    from referenced
    union
    select
        breakdown,
        breakdown_value
    from observed

),

labelled as (

    select
        all_values.breakdown,
        all_values.breakdown_value,
        breakdowns.breakdown_label,
        breakdowns.breakdown_order,
        coalesce(breakdowns.is_coded, false) as is_coded,
        referenced.explicit_order,
        case
            when all_values.breakdown_value = 'all' then 'All'
            when all_values.breakdown_value = 'unknown' then 'Not recorded'
            else coalesce(referenced.label, all_values.breakdown_value)
        end as label,
        case
            when all_values.breakdown_value in ('all', 'unknown') then 'fixed'
            else coalesce(referenced.label_source, 'value')
        end as label_source
    from all_values
    left join referenced
        on
        all_values.breakdown = referenced.breakdown
        and all_values.breakdown_value = referenced.breakdown_value
    left join breakdowns on all_values.breakdown = breakdowns.breakdown

),

final as (

    select
        breakdown,
        breakdown_value,
        label,
        cast(row_number() over (
            partition by breakdown
            order by
                case breakdown_value when 'all' then 0 when 'unknown' then 2 else 1 end,
                explicit_order nulls last,
                lower(label),
                breakdown_value
        ) as integer) as sort_order,
        coalesce(breakdown_label, breakdown) as breakdown_label,
        coalesce(breakdown_order, 99) as breakdown_order,
        is_coded,
        label_source
    from labelled

)

select * from final
