{{ base_model_from_source('dfe_validation', 'findings', with_landing_row_number=false) }}
