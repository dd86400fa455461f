{{ contracted_mart('int_assessments_timed') }}
