-- SSDA903 Reviews: the landing extract holds no reviews of looked-after children (meta unfilled).
{{ ssda903_unfilled_table(['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'], ['DOB', 'REVIEW']) }}
