-- Exports as background jobs (issue 11): a register's Excel file of any
-- size is asked for on its page, built by bin/worker (which runs
-- `bin/office -x ID`, the same handler as the page, as the account that
-- asked, with no row cap: libxlsxwriter's constant_memory mode) and
-- downloaded from "my exports" by that account only. state: 0 waiting,
-- 1 building, 2 ready, 3 failed (reason), 4 expired (file removed after
-- export_keep_days). A build holds a lease (lease_until, renewed by every
-- batch of rows); a job whose builder died goes back to waiting until
-- attempts reach the limit. Statements end with ';' at a line end.
CREATE TABLE export_jobs (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	account_id	BIGINT UNSIGNED NOT NULL,
	agency_id	INT UNSIGNED NOT NULL,
	name		VARCHAR(190) NOT NULL,
	format		VARCHAR(8) NOT NULL,
	uri		VARCHAR(1000) NOT NULL,
	lang		VARCHAR(2) NOT NULL,
	state		TINYINT UNSIGNED NOT NULL DEFAULT 0,
	reason		VARCHAR(400) NULL,
	rows_done	BIGINT UNSIGNED NOT NULL DEFAULT 0,
	bytes		BIGINT UNSIGNED NOT NULL DEFAULT 0,
	attempts	INT UNSIGNED NOT NULL DEFAULT 0,
	claimed_by	VARCHAR(160) NULL,
	lease_until	DATETIME NULL,
	requested_at	DATETIME NOT NULL,
	started_at	DATETIME NULL,
	finished_at	DATETIME NULL,
	KEY export_jobs_account (account_id, id),
	KEY export_jobs_state (state, id)
) ENGINE=InnoDB;
