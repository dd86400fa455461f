-- SSDA903 previous permanence: the landing extract does not record permanence before care (meta unfilled).
{{ ssda903_unfilled_table(['CHILD', 'DOB', 'PREV_PERM', 'LA_PERM', 'DATE_PERM']) }}
