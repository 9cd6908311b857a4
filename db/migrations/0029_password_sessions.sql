-- Issue 9: password resets by e-mail link, and for the list of a user's
-- sessions an id to end one of them by and the device (browser) it runs in
-- (last_seen_at, address and method came with 0016).

-- One row per reset link sent: only the SHA-256 of the link's token is kept;
-- used once, within an hour.
CREATE TABLE password_resets (
	token_hash	BINARY(32) NOT NULL PRIMARY KEY,
	account_id	BIGINT UNSIGNED NOT NULL,
	created_at	DATETIME NOT NULL,
	expires_at	DATETIME NOT NULL,
	used_at		DATETIME NULL,
	KEY password_resets_account (account_id, created_at),
	CONSTRAINT password_resets_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB;

ALTER TABLE sessions
	ADD COLUMN id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE FIRST,
	ADD COLUMN user_agent VARCHAR(255) NULL;
