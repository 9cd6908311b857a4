-- The worker runs on one node at a time (issue 15): every web node starts
-- one, and only the holder of the lease below delivers. The holder renews it
-- well before it expires; when the holder dies, another worker takes it over
-- after expires_at and first puts back to 'pending' the outbox rows left in
-- 'sending', so nothing is lost, and a worker that finds it no longer holds
-- the lease sends nothing more, so nothing goes twice.
-- Statements are separated by a line ending in ';'.

CREATE TABLE worker_leases (
	name		VARCHAR(32) NOT NULL PRIMARY KEY,	-- 'worker'
	holder		VARCHAR(160) NOT NULL,			-- host:pid:start of the holder
	acquired_at	DATETIME(6) NOT NULL,
	renewed_at	DATETIME(6) NOT NULL,
	expires_at	DATETIME(6) NOT NULL,
	renewals	BIGINT UNSIGNED NOT NULL DEFAULT 0,
	takeovers	INT UNSIGNED NOT NULL DEFAULT 0		-- times taken from a dead holder
) ENGINE=InnoDB;
