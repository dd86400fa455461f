{{ base_model_from_source('landing_register', 'landing_files', with_landing_row_number=false) }}
