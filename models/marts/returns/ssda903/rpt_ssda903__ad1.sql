-- SSDA903 AD1: the landing extract holds no adoption details (decision, match, adopters) (meta unfilled).
{{ ssda903_unfilled_table(
    ['CHILD', 'DOB', 'DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'],
    ['DOB', 'DATE_INT', 'DATE_MATCH']
) }}
