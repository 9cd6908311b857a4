-- Drafts of online filings (issue 13): saved at each step of the form,
-- listed in "my dossiers" with what is still missing, reminded before they
-- expire (reminded_at, through the outbox) and deleted after. The
-- applicant block, the answers and the files attached so far are JSON.
-- Statements end with ';' at a line end.
CREATE TABLE form_drafts (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	account_id	BIGINT UNSIGNED NOT NULL,
	procedure_id	INT UNSIGNED NOT NULL,
	form_id		INT UNSIGNED NULL,
	agency_code	VARCHAR(32) NULL,
	applicant	TEXT NOT NULL,
	answers		MEDIUMTEXT NOT NULL,
	documents	TEXT NOT NULL,
	missing		INT UNSIGNED NOT NULL DEFAULT 0,	-- required answers and slots still empty
	created_at	DATETIME NOT NULL,
	updated_at	DATETIME NOT NULL,
	expires_at	DATETIME NOT NULL,
	reminded_at	DATETIME NULL,
	KEY form_drafts_account (account_id, updated_at),
	KEY form_drafts_expires (expires_at),
	CONSTRAINT form_drafts_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE,
	CONSTRAINT form_drafts_procedure_fk FOREIGN KEY (procedure_id) REFERENCES procedures (id) ON DELETE CASCADE
) ENGINE=InnoDB;
