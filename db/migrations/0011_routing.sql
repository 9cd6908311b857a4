-- The inbox's procedure filter lists the procedures of an agency's dossiers
-- (SELECT DISTINCT procedure_id ... WHERE current_agency_id = ?) from this
-- index alone, one entry per procedure, however many dossiers there are.
-- The workflow editor counts a procedure's dossiers by workflow version.
ALTER TABLE dossiers
	ADD KEY dossiers_agency_procedure (current_agency_id, procedure_id),
	ADD KEY dossiers_procedure_workflow (procedure_id, workflow_id);
