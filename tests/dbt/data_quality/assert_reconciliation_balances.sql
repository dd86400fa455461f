{#
    Nothing lost: every landing row is staged or quarantined. Returns the tables where
    rows in the file differ from rows staged + rows quarantined (fails the build).
#}
select
    table_name,
    rows_in_file,
    rows_staged,
    rows_quarantined
from {{ ref('dq_reconciliation') }}
where rows_in_file != rows_staged + rows_quarantined
