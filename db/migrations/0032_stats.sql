-- Statistics kept up to date as dossiers move (issue 11): every
-- transition recounts the dossier's contribution in its own transaction
-- (lib/domain/mc_stats.c) and applies the difference, so that no report
-- scans dossiers. `motcua stats-rebuild` recomputes all of it.
-- Statements end with ';' at a line end.

-- Counters per local day, receiving agency, procedure and channel. metric
-- is enum mc_stats_metric (mc_stats.h): flows (received, resolved early /
-- on time / late, refused ...) on the day they happened, and the two
-- stocks as +1/-1 deltas (open: +1 the day received, -1 the day closed;
-- overdue: +1 the day after the due day, -1 the day closed), so that a
-- stock at the end of a day is the sum of its deltas up to that day.
-- Handling times: their sum in working minutes, and a histogram (metric
-- 1000 + the bucket's upper bound in working hours) for percentiles.
CREATE TABLE stats_day (
	day		DATE NOT NULL,
	agency_id	INT UNSIGNED NOT NULL,
	procedure_id	INT UNSIGNED NOT NULL,
	channel		TINYINT UNSIGNED NOT NULL,
	metric		SMALLINT UNSIGNED NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (agency_id, metric, day, procedure_id, channel),
	KEY stats_day_metric (metric, day),
	KEY stats_day_procedure (procedure_id, metric, day)
) ENGINE=InnoDB;

-- Monthly copy of the stocks' deltas (first day of the month), so that a
-- stock at a date sums months before it and days of its own month only.
CREATE TABLE stats_month (
	month		DATE NOT NULL,
	agency_id	INT UNSIGNED NOT NULL,
	procedure_id	INT UNSIGNED NOT NULL,
	channel		TINYINT UNSIGNED NOT NULL,
	metric		SMALLINT UNSIGNED NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (agency_id, metric, month, procedure_id, channel),
	KEY stats_month_metric (metric, month),
	KEY stats_month_procedure (procedure_id, metric, month)
) ENGINE=InnoDB;

-- Steps finished per day, officer (who took the step) and the step's
-- agency: count, early, on time, late (metric as in mc_stats.h).
CREATE TABLE stats_officer (
	day		DATE NOT NULL,
	officer_id	BIGINT UNSIGNED NOT NULL,
	agency_id	INT UNSIGNED NOT NULL,
	metric		SMALLINT UNSIGNED NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (officer_id, metric, day, agency_id),
	KEY stats_officer_agency (agency_id, day)
) ENGINE=InnoDB;

-- How long each step of a procedure took at an agency: a histogram of
-- working minutes (bucket: upper bound in working hours), for the
-- expected finish of open dossiers.
CREATE TABLE stats_step (
	procedure_id	INT UNSIGNED NOT NULL,
	agency_id	INT UNSIGNED NOT NULL,
	seq		SMALLINT UNSIGNED NOT NULL,
	bucket		INT UNSIGNED NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (procedure_id, agency_id, seq, bucket)
) ENGINE=InnoDB;

-- What was last counted for each dossier not yet final (the difference
-- with a recount is what a transition applies); a final dossier's row
-- goes.
CREATE TABLE stats_memo (
	dossier_id	BIGINT UNSIGNED NOT NULL PRIMARY KEY,
	entries		TEXT NOT NULL
) ENGINE=InnoDB;
