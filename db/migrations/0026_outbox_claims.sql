-- Each notification is claimed on its own (issue 15): a worker takes one
-- outbox row in one transaction, with a token of its own and a deadline by
-- which its attempt has certainly ended (the delivery's time limit and a
-- margin). Until then no other worker may take the row, even if the lease
-- (worker_leases) has passed on; the outcome is recorded only by the holder
-- of the token. A row still 'sending' after its deadline belongs to a worker
-- that died or lost the database between sending and recording: whether it
-- went out is unknown; it is sent again with the same Message-ID (e-mail) or
-- the same id for the gateway (SMS, which drops a repeated id), and counted
-- in unknown_outcomes. At least once, never lost: see DOMAIN.md.
-- Statements are separated by a line ending in ';'.

ALTER TABLE outbox
	ADD COLUMN claim_token CHAR(32) NULL AFTER claimed_at,
	ADD COLUMN claim_until DATETIME(6) NULL AFTER claim_token,
	ADD COLUMN unknown_outcomes SMALLINT UNSIGNED NOT NULL DEFAULT 0 AFTER attempts;
