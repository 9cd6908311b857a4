-- Issue 9: a citizen's e-mail is verified by a link, their phone by a code
-- sent by SMS (lib/domain/mc_verify). accounts.email and accounts.phone hold
-- verified contacts only (or ones an administrator, the command line or the
-- national portal's single sign-on vouched for), so every notification and
-- a password reset link reach a verified contact and nothing else. A contact typed at registration or on the account page waits
-- in email_new / phone_new until proved, then replaces the old one (an
-- e-mail waiting is still a login: the password tells its account). An
-- e-mail link is a random token of which only the SHA-256 is kept
-- (email_verifications: expiry, used once, a newer link or a new pending
-- address ends the older ones); a phone's code is lib/domain/mc_phonecode's
-- (purpose 'account'), phone_ticket the ticket it is bound to. Contacts of
-- accounts made before this migration stay as they were (verified).
-- Statements end with ';' at a line end.

ALTER TABLE accounts
	ADD COLUMN email_new VARCHAR(254) NULL,
	ADD COLUMN phone_new VARCHAR(20) NULL,
	ADD COLUMN phone_ticket CHAR(64) NULL,
	ADD KEY accounts_email_new (email_new);

CREATE TABLE email_verifications (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	token_hash	BINARY(32) NOT NULL,		-- SHA-256 of the link's token
	account_id	BIGINT UNSIGNED NOT NULL,
	email		VARCHAR(254) NOT NULL,		-- the address it proves
	created_at	DATETIME NOT NULL,
	expires_at	DATETIME NOT NULL,
	used_at		DATETIME NULL,			-- used, or ended by a newer one
	UNIQUE KEY email_verifications_token (token_hash),
	KEY email_verifications_account (account_id, created_at),
	CONSTRAINT email_verifications_account_fk FOREIGN KEY (account_id)
	    REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB;
