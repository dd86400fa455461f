{{ base_model_from_source('ssd', 'ssd_cp_reviews') }}
