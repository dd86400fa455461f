-- SSDA903 Missing: the landing extract holds no missing or away-from-placement episodes (meta unfilled).
{{ ssda903_unfilled_table(['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'], ['DOB', 'MIS_START', 'MIS_END']) }}
