{{ contracted_mart('int_cin_plans_visited') }}
