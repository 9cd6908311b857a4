-- A notification keeps what its text was made from (the message's name in
-- templates/lang/notify.*.hdf and its placeholders as JSON), so that each
-- reader sees it in their own language. title and body stay the Vietnamese
-- text written at the time (older rows have only those).
ALTER TABLE notifications
	ADD COLUMN msg VARCHAR(48) NULL,
	ADD COLUMN vars TEXT NULL;
