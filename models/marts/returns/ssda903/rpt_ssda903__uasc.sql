-- SSDA903 UASC: the landing extract does not record unaccompanied asylum-seeking children (meta unfilled).
{{ ssda903_unfilled_table(['CHILD', 'SEX', 'DOB', 'DUC'], ['DOB', 'DUC']) }}
