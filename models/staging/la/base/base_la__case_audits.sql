{{ base_model_from_source('la', 'case_audits') }}
