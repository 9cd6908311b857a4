-- E-forms (issue 13): a form definition per procedure, saved by its admins
-- as a new version with an effective date; a procedure without one files
-- with the default form generated from its catalogue entry
-- (lib/domain/mc_eform.c). The definition is JSON: form-js "components"
-- (sections, fields, repeating groups, conditions) and "documents" (one
-- upload slot per document of the catalogue entry). A dossier's answers
-- are kept with the form they were filed with. Statements end with ';'
-- at a line end.
CREATE TABLE procedure_forms (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	procedure_id	INT UNSIGNED NOT NULL,
	version		INT UNSIGNED NOT NULL,
	definition	MEDIUMTEXT NOT NULL,		-- JSON, checked by mc_eform_parse
	effective_from	DATETIME NOT NULL,
	created_at	DATETIME NOT NULL,
	created_by	BIGINT UNSIGNED NULL,
	UNIQUE KEY procedure_forms_version (procedure_id, version),
	KEY procedure_forms_effective (procedure_id, effective_from),
	CONSTRAINT procedure_forms_procedure_fk FOREIGN KEY (procedure_id) REFERENCES procedures (id) ON DELETE CASCADE,
	CONSTRAINT procedure_forms_account_fk FOREIGN KEY (created_by) REFERENCES accounts (id) ON DELETE SET NULL
) ENGINE=InnoDB;

-- The answers of a dossier, written in the submission's transaction:
-- form_id is the version it was filed with (NULL: the default form, whose
-- definition is kept in definition then), documents maps each upload slot
-- to the files attached to it.
CREATE TABLE dossier_answers (
	dossier_id	BIGINT UNSIGNED NOT NULL PRIMARY KEY,
	form_id		INT UNSIGNED NULL,
	definition	MEDIUMTEXT NULL,
	answers		MEDIUMTEXT NOT NULL,
	documents	TEXT NOT NULL,
	CONSTRAINT dossier_answers_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossiers (id) ON DELETE CASCADE,
	CONSTRAINT dossier_answers_form_fk FOREIGN KEY (form_id) REFERENCES procedure_forms (id)
) ENGINE=InnoDB;
