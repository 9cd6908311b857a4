-- Issue 10: anyone may send feedback with a login or with a verified phone.
-- A one-time code sent by SMS (through the outbox) proves the phone:
-- phone_codes holds each code sent, for a purpose ('feedback'; the same
-- table serves any other purpose that needs a phone proved), bound to the
-- browser's ticket (SHA-256 of a random token in the form), its code as
-- an HMAC, its wrong attempts, its expiry, when it was proved and when it
-- was used (once, in the transaction of what it allowed). A feedback sent
-- this way has no account: the phone is its sender, followed by a link
-- whose token is an HMAC of its code under the site secret. Statements end
-- with ';' at a line end.

CREATE TABLE phone_codes (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	purpose		VARCHAR(16) NOT NULL,
	phone		VARCHAR(20) NOT NULL,
	ticket_hash	CHAR(64) NOT NULL,		-- SHA-256 of the form's ticket
	code_mac	CHAR(64) NOT NULL,		-- HMAC of the code and ticket
	address		VARCHAR(45) NULL,		-- where it was asked from
	attempts	TINYINT UNSIGNED NOT NULL DEFAULT 0,
	sent_at		DATETIME NOT NULL,
	expires_at	DATETIME NOT NULL,
	verified_at	DATETIME NULL,
	used_at		DATETIME NULL,
	UNIQUE KEY phone_codes_ticket (ticket_hash),
	KEY phone_codes_phone (phone, purpose, sent_at),
	KEY phone_codes_address (address, sent_at)
) ENGINE=InnoDB;

ALTER TABLE feedback MODIFY account_id BIGINT UNSIGNED NULL,
	ADD COLUMN phone VARCHAR(20) NULL AFTER account_id;
