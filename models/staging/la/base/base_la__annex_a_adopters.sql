{{ base_model_from_source('la', 'annex_a_adopters') }}
