-- Issue 10: a questionnaire per agency. An evaluation manager of an agency
-- makes versions of the questionnaire for that agency's subtree (wording
-- adapted, questions added); agency_id NULL is the city's line. A dossier
-- is rated on the version in force of its agency, else of the nearest
-- ancestor with one, else the city's (mc_eval_form_for). Versions are
-- numbered per line (scope_id: the agency, 0 the city). Statements end
-- with ';' at a line end.

ALTER TABLE eval_questionnaires
	ADD COLUMN agency_id INT UNSIGNED NULL AFTER id,
	ADD COLUMN scope_id INT UNSIGNED AS (COALESCE(agency_id, 0)) PERSISTENT,
	ADD CONSTRAINT eval_questionnaires_agency_fk FOREIGN KEY (agency_id) REFERENCES agencies (id);

ALTER TABLE eval_questionnaires
	DROP INDEX eval_questionnaires_version,
	ADD UNIQUE KEY eval_questionnaires_scope_version (scope_id, version);
