-- The document wallet (issues 9 and 13): a citizen's documents are the
-- files of their dossiers and the results issued to them (no copy: the
-- files are content-addressed), listed once per content hash. Removing one
-- from the wallet hides what is there at that moment; no file is deleted
-- (the dossiers keep theirs), and the same bytes filed again later show
-- again. Statements end with ';' at a line end.
CREATE TABLE wallet_hidden (
	account_id	BIGINT UNSIGNED NOT NULL,
	sha256		CHAR(64) NOT NULL,
	hidden_at	DATETIME NOT NULL,
	PRIMARY KEY (account_id, sha256),
	CONSTRAINT wallet_hidden_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB;
