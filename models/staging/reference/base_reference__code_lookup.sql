{#
    Every form a landing code may take, mapped to its canonical code: the code itself and each
    synonym of ref_code_synonyms (landing.md "Synonyms"), in the normalised matching form
    (upper case, trimmed, spaces and hyphens as underscores). Staging models join it, once per
    coded column (join_code_lookup), and read the joined row through map_code, is_known_code
    and parse_flag. A base_ model: the reference layer staging may read.
#}
with codes as (select * from {{ ref('ref_codes') }}),

synonyms as (select * from {{ ref('ref_code_synonyms') }}),

code_forms as (
    select
        code_list,
        {{ normalise_code('code') }} as lookup_key,
        code,
        'code' as lookup_kind
    from codes
),

synonym_forms as (
    select
        code_list,
        {{ normalise_code('synonym') }} as lookup_key,
        code,
        'synonym' as lookup_kind
    from synonyms
),

final as (
    select * from code_forms
    union all
    select * from synonym_forms
)

select * from final
