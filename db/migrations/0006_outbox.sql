-- Notifications that are never lost. A transition writes, in its own
-- transaction, the rows below: what the applicant (or officer) sees in the
-- back office or portal (notifications) and what the worker must deliver by
-- e-mail or SMS (outbox). The worker claims due outbox rows with
-- SELECT ... FOR UPDATE SKIP LOCKED, so two workers never send one message.
-- Statements are separated by a line ending in ';'.

CREATE TABLE outbox (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	channel		ENUM('email','sms') NOT NULL,
	recipient	VARCHAR(254) NOT NULL,		-- e-mail address or phone number
	subject		VARCHAR(1000) NULL,		-- e-mail only
	body		TEXT NOT NULL,			-- UTF-8 plain text
	dossier_id	BIGINT UNSIGNED NULL,
	created_at	DATETIME NOT NULL,
	next_attempt_at	DATETIME NOT NULL,
	attempts	SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	status		ENUM('pending','sending','sent','failed') NOT NULL DEFAULT 'pending',
	claimed_at	DATETIME NULL,			-- when a worker set 'sending'
	last_error	VARCHAR(500) NULL,
	sent_at		DATETIME NULL,
	KEY outbox_due (status, next_attempt_at),
	KEY outbox_dossier (dossier_id),
	CONSTRAINT outbox_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossiers (id)
) ENGINE=InnoDB;

CREATE TABLE notifications (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	account_id	BIGINT UNSIGNED NOT NULL,
	dossier_id	BIGINT UNSIGNED NULL,
	kind		VARCHAR(32) NOT NULL,		-- event or officer kind, e.g. accept, reminder
	title		VARCHAR(1000) NOT NULL,
	body		TEXT NOT NULL,
	url		VARCHAR(500) NULL,		-- a local path, e.g. /dich-vu/ho-so/<code>
	created_at	DATETIME NOT NULL,
	read_at		DATETIME NULL,
	KEY notifications_unread (account_id, read_at, id),
	KEY notifications_recent (account_id, id),
	KEY notifications_dossier (dossier_id),
	CONSTRAINT notifications_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE,
	CONSTRAINT notifications_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossiers (id)
) ENGINE=InnoDB;
