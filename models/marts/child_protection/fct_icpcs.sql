{{ contracted_mart('int_icpcs_joined_to_s47') }}
