{{ base_model_from_source('dfe_validation', 'rules_run', with_landing_row_number=false) }}
