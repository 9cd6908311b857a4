-- The tracking book (form 06) and the late list (issue 11) page through an
-- agency's dossiers by an index range read in order, never a scan: the
-- book by the time received, the late list by the first due time (the
-- one promised at receipt, kept in original_due_at once an apology set a
-- new date).
ALTER TABLE dossiers
	ADD COLUMN first_due_at DATETIME AS (COALESCE(original_due_at, due_at)) PERSISTENT,
	ADD KEY dossiers_book (agency_id, received_at),
	ADD KEY dossiers_first_due (agency_id, first_due_at);
