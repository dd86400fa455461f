-- SSDA903 placed for adoption (decisions that a child should be placed for adoption): not in the landing extract (meta unfilled).
{{ ssda903_unfilled_table(
    ['CHILD', 'DOB', 'DATE_PLACED', 'DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'],
    ['DOB', 'DATE_PLACED', 'DATE_PLACED_CEASED']
) }}
