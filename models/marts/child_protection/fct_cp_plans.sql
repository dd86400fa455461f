{{ contracted_mart('int_cp_plans_flagged') }}
