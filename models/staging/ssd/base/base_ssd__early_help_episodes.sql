{{ base_model_from_source('ssd', 'ssd_early_help_episodes') }}
