-- Due-soon counts of an inbox read an index range, not every open dossier:
-- yellow = (warning time passed) - (overdue).
ALTER TABLE dossiers ADD KEY dossiers_warn (current_agency_id, status, step_warn_at);
