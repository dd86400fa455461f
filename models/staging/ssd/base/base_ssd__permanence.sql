{{ base_model_from_source('ssd', 'ssd_permanence') }}
