{{ base_model_from_source('la', 'extract_manifest') }}
