-- Issue 9: an append-only audit log of security events (logins, failed
-- logins, logouts, sessions ended, password changes and resets, second
-- factors reset), each row chained to the one before by hash:
--   hash = SHA-256(prev_hash || the row's canonical fields)
-- (lib/domain/mc_audit.c says which fields and how). Rows are numbered
-- 1, 2, 3... without gaps; audit_head holds the last number and hash and is
-- locked (SELECT ... FOR UPDATE) by each writer, so two writers cannot fork
-- the chain. `motcua audit-check` recomputes the chain and names the first
-- row that does not fit.
CREATE TABLE audit_log (
	id		BIGINT UNSIGNED NOT NULL PRIMARY KEY,	-- 1, 2, 3... (no gaps)
	at		DATETIME NOT NULL,
	event		VARCHAR(32) NOT NULL,
	account_id	BIGINT UNSIGNED NULL,	-- whose account (no foreign key: the log outlives accounts)
	actor_id	BIGINT UNSIGNED NULL,	-- who did it, when another (an administrator)
	subject		VARCHAR(255) NULL,	-- e.g. the login typed
	address		VARCHAR(45) NULL,
	prev_hash	CHAR(64) NOT NULL,
	hash		CHAR(64) NOT NULL,
	KEY audit_log_account (account_id, at),
	KEY audit_log_event (event, at)
) ENGINE=InnoDB;

CREATE TABLE audit_head (
	id		TINYINT UNSIGNED NOT NULL PRIMARY KEY,	-- always 1
	last_id		BIGINT UNSIGNED NOT NULL,
	hash		CHAR(64) NOT NULL
) ENGINE=InnoDB;

INSERT INTO audit_head (id, last_id, hash)
	VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
