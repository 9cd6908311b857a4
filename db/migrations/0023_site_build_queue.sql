-- Site builds through the worker (issue 8): the webmaster's button only
-- queues a row; bin/worker (the lease holder) claims the oldest queued row,
-- runs the generator in a child process and records its progress here. The
-- claim names the worker (claimed_by), which beats heartbeat_at while the
-- build runs: a build whose worker died (no beat for site_build_stale_seconds)
-- is marked failed, and a worker that stops cleanly puts its build back.
-- Statements end with ';' at a line end.
ALTER TABLE site_builds
	ADD COLUMN claimed_by VARCHAR(160) NULL AFTER message,
	ADD COLUMN heartbeat_at DATETIME NULL AFTER claimed_by;
