{#
    The landing tables as the data-quality models see them: for each landing file, its source,
    its base model (every landing row, base_<source>__<table>), the staging model that reads
    it, the landing column of its primary key (null when the table has no key and every row is
    staged), the staged key column, and the landing column of the child (null when the table is
    not about a child).

    The keys come from the source YAML (_landing__sources.yml: `meta` of each table: key,
    staged_key, person), read through `graph.sources`, so a key is declared in one place. The
    list below only names the staging model of each table: dbt resolves `ref`s while parsing,
    before `graph` holds the sources, so the models the data-quality models read must be known
    without it. A table added to the sources but not here fails
    assert_every_landing_table_is_reconciled.
#}
{% macro landing_table_keys() -%}
    {%- set staging_models = [
        ('ssd', 'ssd_person', 'stg_ssd__persons'),
        ('ssd', 'ssd_cin_episodes', 'stg_ssd__cin_episodes'),
        ('ssd', 'ssd_cin_assessments', 'stg_ssd__cin_assessments'),
        ('ssd', 'ssd_cin_plans', 'stg_ssd__cin_plans'),
        ('ssd', 'ssd_cin_visits', 'stg_ssd__cin_visits'),
        ('ssd', 'ssd_s47_enquiry', 'stg_ssd__s47_enquiries'),
        ('ssd', 'ssd_initial_cp_conference', 'stg_ssd__initial_cp_conferences'),
        ('ssd', 'ssd_cp_plans', 'stg_ssd__cp_plans'),
        ('ssd', 'ssd_cp_visits', 'stg_ssd__cp_visits'),
        ('ssd', 'ssd_cla_episodes', 'stg_ssd__cla_episodes'),
        ('ssd', 'ssd_legal_status', 'stg_ssd__legal_statuses'),
        ('ssd', 'ssd_cla_placement', 'stg_ssd__cla_placements'),
        ('ssd', 'ssd_cla_visits', 'stg_ssd__cla_visits'),
        ('ssd', 'ssd_cla_health', 'stg_ssd__cla_health_checks'),
        ('ssd', 'ssd_care_leavers', 'stg_ssd__care_leavers'),
        ('ssd', 'ssd_professionals', 'stg_ssd__professionals'),
        ('ssd', 'ssd_involvements', 'stg_ssd__involvements'),
        ('ssd', 'ssd_department', 'stg_ssd__departments'),
        ('ssd', 'ssd_contacts', 'stg_ssd__contacts'),
        ('ssd', 'ssd_early_help_episodes', 'stg_ssd__early_help_episodes'),
        ('ssd', 'ssd_assessment_factors', 'stg_ssd__assessment_factors'),
        ('ssd', 'ssd_cp_reviews', 'stg_ssd__cp_reviews'),
        ('ssd', 'ssd_cla_reviews', 'stg_ssd__cla_reviews'),
        ('ssd', 'ssd_missing', 'stg_ssd__missing_episodes'),
        ('ssd', 'ssd_immigration_status', 'stg_ssd__immigration_statuses'),
        ('ssd', 'ssd_cla_care_plan', 'stg_ssd__cla_care_plans'),
        ('ssd', 'ssd_disability', 'stg_ssd__disabilities'),
        ('ssd', 'ssd_permanence', 'stg_ssd__permanence'),
        ('la', 'extract_manifest', 'stg_la__extract_manifests'),
        ('la', 'team_structure', 'stg_la__team_structures'),
        ('la', 'hr_establishment', 'stg_la__hr_establishment'),
        ('la', 'case_audits', 'stg_la__case_audits'),
        ('la', 'annex_a_adopters', 'stg_la__annex_a_adopters'),
    ] -%}
    {%- set declared = {} -%}
    {%- for src in (graph.get('sources') or {}).values() if src.schema == 'landing' -%}
        {%- do declared.update({src.identifier: landing_source_meta(src)}) -%}
    {%- endfor -%}
    {%- set tables = [] -%}
    {%- for source_name, table, model in staging_models -%}
        {%- set meta = declared.get(table, {}) -%}
        {%- do tables.append({
            'table': table,
            'source': source_name,
            'base_model': base_model_name(source_name, table),
            'model': model,
            'key': meta.get('key'),
            'staged_key': meta.get('staged_key'),
            'person': meta.get('person'),
        }) -%}
    {%- endfor -%}
    {{ return(tables) }}
{%- endmacro %}
