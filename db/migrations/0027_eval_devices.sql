-- Rating devices from the office (issue 10): a counter tablet names its
-- counter; who revoked a device; the type of an officer's photo (served
-- to the tablet as stored). Statements end with ';' at a line end.
ALTER TABLE eval_devices
	ADD COLUMN counter VARCHAR(60) NULL AFTER name,
	ADD COLUMN revoked_by BIGINT UNSIGNED NULL AFTER revoked_at;

ALTER TABLE eval_officer_cards
	ADD COLUMN photo_mime VARCHAR(32) NULL AFTER photo_sha256;
