-- Feedback and complaints (phản ánh, kiến nghị; issue 10): a citizen's
-- feedback, optionally about one of their dossiers, routed to the
-- responsible agency with a deadline in working time, answered by an
-- officer (founded or not when it concerns a dossier), resolved or reopened
-- by the citizen; an answer the citizen agreed to publish goes on the public
-- site. Every change appends a feedback_events row in its transaction.
-- Statements are separated by a line ending in ';'.

CREATE TABLE feedback (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	code		VARCHAR(24) NOT NULL,		-- PA-YYMMDD-<id>
	account_id	BIGINT UNSIGNED NOT NULL,	-- the sender
	dossier_id	BIGINT UNSIGNED NULL,		-- the dossier it is about
	agency_id	INT UNSIGNED NOT NULL,		-- the agency that answers
	category	VARCHAR(16) NOT NULL,		-- attitude, delay, info, fees, other
	ward_code	VARCHAR(8) NULL,		-- the area (gso code of a ward)
	body		TEXT NOT NULL,
	publish		TINYINT(1) NOT NULL DEFAULT 0,	-- the sender agrees to publish the answer
	status		ENUM('open','answered','resolved') NOT NULL DEFAULT 'open',
	created_at	DATETIME NOT NULL,
	due_at		DATETIME NOT NULL,		-- the current round's deadline
	answer		TEXT NULL,			-- the latest answer
	answered_at	DATETIME NULL,
	answered_by	BIGINT UNSIGNED NULL,
	founded		TINYINT(1) NULL,		-- about a dossier: the latest answer's verdict
	answers		SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	late		TINYINT(1) NOT NULL DEFAULT 0,	-- an answer came after its deadline
	reopened	SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	resolved_at	DATETIME NULL,
	updated_at	DATETIME NOT NULL,
	UNIQUE KEY feedback_code (code),
	KEY feedback_agency (agency_id, status, due_at),
	KEY feedback_account (account_id, id),
	KEY feedback_dossier (dossier_id),
	KEY feedback_published (publish, answered_at),
	KEY feedback_created (created_at),
	CONSTRAINT feedback_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id),
	CONSTRAINT feedback_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossiers (id),
	CONSTRAINT feedback_agency_fk FOREIGN KEY (agency_id) REFERENCES agencies (id)
) ENGINE=InnoDB;

CREATE TABLE feedback_photos (
	feedback_id	BIGINT UNSIGNED NOT NULL,
	seq		TINYINT UNSIGNED NOT NULL,
	sha256		CHAR(64) NOT NULL,
	filename	VARCHAR(255) NOT NULL,
	PRIMARY KEY (feedback_id, seq),
	CONSTRAINT feedback_photos_fk FOREIGN KEY (feedback_id) REFERENCES feedback (id) ON DELETE CASCADE,
	CONSTRAINT feedback_photos_blob_fk FOREIGN KEY (sha256) REFERENCES attachments (sha256)
) ENGINE=InnoDB;

CREATE TABLE feedback_events (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	feedback_id	BIGINT UNSIGNED NOT NULL,
	at		DATETIME NOT NULL,
	actor_id	BIGINT UNSIGNED NULL,
	action		VARCHAR(16) NOT NULL,		-- submit, answer, resolve, reopen
	note		TEXT NULL,
	founded		TINYINT(1) NULL,
	KEY feedback_events_feedback (feedback_id, id),
	CONSTRAINT feedback_events_fk FOREIGN KEY (feedback_id) REFERENCES feedback (id) ON DELETE CASCADE
) ENGINE=InnoDB;
