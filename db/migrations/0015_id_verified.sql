-- An ID number typed by a user is a claim, not an identity (issue 9, first
-- finding). Several accounts may claim one ID number; at most one of them
-- is verified (single sign-on at level of assurance 2, an officer who saw
-- the card at the counter, or an account an administrator created), and
-- only the verified one receives counter-filed dossiers and fills the
-- counter's form. verified_id_number holds the ID number of verified
-- accounts only, so its unique key allows one verified account per number.
ALTER TABLE accounts
	DROP INDEX accounts_id_number,
	ADD COLUMN id_verified TINYINT(1) NOT NULL DEFAULT 0,
	ADD COLUMN id_verified_by ENUM('sso','counter','admin') NULL,
	ADD COLUMN id_verified_at DATETIME NULL,
	ADD KEY accounts_id_number (id_number);

ALTER TABLE accounts
	ADD COLUMN verified_id_number VARCHAR(12)
	    AS (IF(id_verified = 1, id_number, NULL)) PERSISTENT,
	ADD UNIQUE KEY accounts_verified_id (verified_id_number);

-- Accounts holding an officer's role were made by an administrator (the
-- command line or the seed): they count as verified. Citizens who registered
-- themselves cannot be told apart from intruders: unverified.
UPDATE accounts a SET id_verified = 1, id_verified_by = 'admin',
	id_verified_at = a.created_at
	WHERE a.id_number IS NOT NULL AND EXISTS (SELECT 1 FROM account_roles r
	    WHERE r.account_id = a.id AND r.role <> 'citizen');

-- Counter-filed dossiers that were attached by ID number to an account nobody
-- verified leave that account (the officer still finds them by ID number).
UPDATE dossiers d JOIN accounts a ON a.id = d.account_id
	SET d.account_id = NULL
	WHERE d.channel = 1 AND a.id_verified = 0;
