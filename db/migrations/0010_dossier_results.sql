-- The result of a dossier (the decision, the certificate, the licence) as
-- the officer attaches it at signing or return: the files the applicant
-- downloads from the dossier page once it is returned (issue 7). The bytes
-- are content-addressed blobs (attachments), like the applicant's files.
CREATE TABLE dossier_results (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	dossier_id	BIGINT UNSIGNED NOT NULL,
	sha256		CHAR(64) NOT NULL,
	filename	VARCHAR(255) NOT NULL,
	action		VARCHAR(32) NOT NULL,		-- sign, approve, decide, return
	uploaded_at	DATETIME NOT NULL,
	uploaded_by	BIGINT UNSIGNED NOT NULL,
	KEY dossier_results_dossier (dossier_id),
	CONSTRAINT dossier_results_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossiers (id),
	CONSTRAINT dossier_results_blob_fk FOREIGN KEY (sha256) REFERENCES attachments (sha256),
	CONSTRAINT dossier_results_by_fk FOREIGN KEY (uploaded_by) REFERENCES accounts (id)
) ENGINE=InnoDB;
