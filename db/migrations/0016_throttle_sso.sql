-- Abuse limits and single sign-on (issue 9).
--
-- throttle: failures per kind (login by account, login by address, public
-- lookup by code, lookup by address) and subject (the SHA-256 of the login,
-- address or code, so the table holds no personal data), in the database so
-- that every worker and every web node counts the same. A subject is blocked
-- until blocked_until once it reached its kind's limit within the window.
CREATE TABLE throttle (
	kind		VARCHAR(16) NOT NULL,
	subject		BINARY(32) NOT NULL,
	failures	INT UNSIGNED NOT NULL DEFAULT 0,
	window_start	DATETIME NOT NULL,
	blocked_until	DATETIME NULL,
	PRIMARY KEY (kind, subject),
	KEY throttle_window (window_start)
) ENGINE=InnoDB;

-- An account's identities at OpenID Connect providers: the provider's
-- subject (stable per issuer, never matched across issuers), the level of
-- assurance and the claims recorded at the last login.
CREATE TABLE account_identities (
	issuer		VARCHAR(255) NOT NULL,
	subject		VARCHAR(255) NOT NULL,
	account_id	BIGINT UNSIGNED NOT NULL,
	acr		VARCHAR(32) NULL,
	id_number	VARCHAR(12) NULL,
	full_name	VARCHAR(255) NULL,
	email		VARCHAR(254) NULL,
	phone		VARCHAR(20) NULL,
	first_at	DATETIME NOT NULL,
	last_at		DATETIME NOT NULL,
	PRIMARY KEY (issuer, subject),
	KEY account_identities_account (account_id),
	CONSTRAINT account_identities_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Sessions: when last used (idle timeout), from where, and how they began.
ALTER TABLE sessions
	ADD COLUMN last_seen_at DATETIME NULL,
	ADD COLUMN address VARCHAR(45) NULL,
	ADD COLUMN method VARCHAR(16) NULL;
