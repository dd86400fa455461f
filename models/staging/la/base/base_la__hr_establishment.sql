{{ base_model_from_source('la', 'hr_establishment') }}
