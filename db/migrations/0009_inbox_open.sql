-- The inbox lists an agency's open dossiers most urgent first from one
-- index range read in order, whatever their status; and finds applicants by
-- the start of their name.
ALTER TABLE dossiers
	ADD COLUMN is_open TINYINT(1) AS (status IN (1, 2, 4, 5, 6, 9)) PERSISTENT,
	ADD KEY dossiers_open (current_agency_id, is_open, step_due_at),
	ADD KEY dossiers_name (current_agency_id, applicant_name(60));
