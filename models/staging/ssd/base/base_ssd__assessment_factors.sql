{{ base_model_from_source('ssd', 'ssd_assessment_factors') }}
