{{ base_model_from_source('la', 'team_structure') }}
