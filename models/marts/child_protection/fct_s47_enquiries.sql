{{ contracted_mart('int_s47_enquiries_teamed') }}
