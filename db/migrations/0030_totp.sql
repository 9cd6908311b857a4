-- Issue 9: officers' two-factor login with TOTP (RFC 6238).
--
-- account_totp: the authenticator's secret, encrypted (AES-256-GCM under a key
-- derived from the site secret: nonce, tag, ciphertext), confirmed once the
-- officer typed a code it made; last_step is the last time step a code was
-- accepted for, so that a code is good once.
CREATE TABLE account_totp (
	account_id	BIGINT UNSIGNED NOT NULL PRIMARY KEY,
	secret		VARBINARY(128) NOT NULL,
	created_at	DATETIME NOT NULL,
	confirmed_at	DATETIME NULL,
	last_step	BIGINT NOT NULL DEFAULT 0,
	CONSTRAINT account_totp_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Recovery codes: the SHA-256 of each (shown once), used once.
CREATE TABLE account_recovery_codes (
	account_id	BIGINT UNSIGNED NOT NULL,
	code_hash	BINARY(32) NOT NULL,
	used_at		DATETIME NULL,
	PRIMARY KEY (account_id, code_hash),
	CONSTRAINT account_recovery_codes_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Set when an administrator reset the account's second factor: the account
-- must enrol again at its next login, whatever the site's policy.
ALTER TABLE accounts ADD COLUMN totp_required TINYINT(1) NOT NULL DEFAULT 0;
