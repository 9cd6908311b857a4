-- The document checklist ticked at intake (issue 13): one row per upload
-- slot of the form the dossier was filed with (its catalogue documents
-- when it has no answers), each complete, missing or invalid with a note;
-- saved whole in one transaction by the receiving officer. Missing and
-- invalid rows are offered as the supplement request's items (form 02);
-- complete rows are what the receipt (form 01) lists as received, with
-- the originals and copies counted at the save. Statements end with ';'
-- at a line end.
CREATE TABLE dossier_checks (
	dossier_id	BIGINT UNSIGNED NOT NULL,
	slot		VARCHAR(64) NOT NULL,		-- the form's document id ("d1")
	seq		SMALLINT UNSIGNED NOT NULL,	-- order in the checklist
	name		TEXT NOT NULL,
	verdict		TINYINT UNSIGNED NOT NULL,	-- 1 complete, 2 missing, 3 invalid
	note		VARCHAR(500) NULL,
	originals	SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	copies		SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	checked_at	DATETIME NOT NULL,
	checked_by	BIGINT UNSIGNED NULL,
	PRIMARY KEY (dossier_id, slot),
	CONSTRAINT dossier_checks_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossiers (id) ON DELETE CASCADE,
	CONSTRAINT dossier_checks_account_fk FOREIGN KEY (checked_by) REFERENCES accounts (id) ON DELETE SET NULL
) ENGINE=InnoDB;
