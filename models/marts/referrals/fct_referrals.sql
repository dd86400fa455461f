{{ contracted_mart('int_referrals_sequenced') }}
