-- Counts of open dossiers by agency, status, step and colour (issue 12),
-- kept in the transaction of each transition (lib/domain/mc_counters.c)
-- so that inboxes and leaders' overviews never scan the dossiers. Each
-- dossier remembers the bucket that counts it (counted_*), so a move takes
-- it out of exactly that one; the worker moves the dossiers whose colour
-- turned with the clock, and counts those never counted (counted_colour
-- NULL: existing rows after this migration, rows written outside the
-- domain). Concurrent writers of one bucket spread over slots; a count is
-- the sum of its slots. `bin/motcua counters rebuild` recomputes them all.
CREATE TABLE dossier_counters (
	agency_id	INT UNSIGNED NOT NULL,		-- current agency
	status		TINYINT UNSIGNED NOT NULL,	-- 1, 2, 4, 5, 6, 9
	step		SMALLINT UNSIGNED NOT NULL,	-- current step's seq, 0 none
	colour		TINYINT UNSIGNED NOT NULL,	-- 0 none, 1 green, 2 yellow, 3 red
	slot		TINYINT UNSIGNED NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (agency_id, status, step, colour, slot)
) ENGINE=InnoDB;

ALTER TABLE dossiers
	ADD COLUMN counted_agency INT UNSIGNED NULL,
	ADD COLUMN counted_status TINYINT UNSIGNED NULL,
	ADD COLUMN counted_step SMALLINT UNSIGNED NULL,
	ADD COLUMN counted_colour TINYINT UNSIGNED NULL,
	ADD KEY dossiers_counted_warn (counted_colour, step_warn_at),
	ADD KEY dossiers_counted_due (counted_colour, step_due_at);

-- Closed dossiers are counted nowhere; the open ones wait for the worker.
UPDATE dossiers SET counted_colour = 0 WHERE is_open = 0;
