-- Procedures edited in the back office (issue 7): the agency that owns a
-- procedure saves its text, documents, fees and times as a new version.
-- Every version's content is kept here as JSON (what the site showed, what
-- a dossier filed under dossiers.procedure_version was filed against),
-- with who saved it, when, and what changed. The version before the first
-- local edit is stored too (source 'import'), so the history starts from
-- the national catalogue's text. Statements end with ';' at a line end.
CREATE TABLE procedure_versions (
	procedure_id	INT UNSIGNED NOT NULL,
	version		INT UNSIGNED NOT NULL,
	source		ENUM('import','local') NOT NULL,
	content		MEDIUMTEXT NOT NULL,		-- JSON: texts, channels, documents
	changes		TEXT NULL,			-- JSON: [{"what","label","from","to"}]
	created_at	DATETIME NOT NULL,
	created_by	BIGINT UNSIGNED NULL,
	PRIMARY KEY (procedure_id, version),
	CONSTRAINT procedure_versions_procedure_fk FOREIGN KEY (procedure_id) REFERENCES procedures (id) ON DELETE CASCADE,
	CONSTRAINT procedure_versions_account_fk FOREIGN KEY (created_by) REFERENCES accounts (id) ON DELETE SET NULL
) ENGINE=InnoDB;

-- local_version: the version an agency saved last. While it is set, a
-- re-import of the national catalogue does not overwrite the procedure: a
-- local edit is newer than the catalogue text it started from. When the
-- catalogue's text of such a procedure changes, the importer leaves the row,
-- counts it as "kept" and stamps import_held_at, which the edit page shows.
-- A document's note: a line under its name (e.g. "bản chính để đối chiếu").
ALTER TABLE procedures
	ADD COLUMN local_version INT UNSIGNED NULL,
	ADD COLUMN import_held_at DATETIME NULL;

ALTER TABLE procedure_documents ADD COLUMN note VARCHAR(1000) NULL;
