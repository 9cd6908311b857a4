-- Issue 15: a client that did not get the answer to a submission (a web
-- node stopped under it, HAProxy answered 503) sends it again with the
-- same Idempotency-Key header, and one dossier is filed, not two. Each
-- key an account used (SHA-256 of the key as sent) with what the
-- submission said (SHA-256 of procedure, agency, answers and files) and the
-- dossier it filed, written in the submission's own transaction. Kept 30
-- days (the worker removes older keys). Statements end with ';' at a line
-- end.

CREATE TABLE submission_keys (
	account_id	BIGINT UNSIGNED NOT NULL,
	key_hash	CHAR(64) NOT NULL,		-- SHA-256 of the key
	fingerprint	CHAR(64) NOT NULL,		-- SHA-256 of the request
	dossier_id	BIGINT UNSIGNED NOT NULL,
	created_at	DATETIME NOT NULL,
	PRIMARY KEY (account_id, key_hash),
	KEY submission_keys_created (created_at),
	CONSTRAINT submission_keys_dossier_fk FOREIGN KEY (dossier_id)
		REFERENCES dossiers (id)
) ENGINE=InnoDB;
