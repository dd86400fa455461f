{{ base_model_from_source('ssd', 'ssd_initial_cp_conference') }}
