-- Issue 11: a report for a period costs the same whatever the years of
-- history behind it. Statements end with ';' at a line end.

-- The two stocks (metric 2 open, 3 overdue; mc_stats.h) at the start of a
-- month: the sum of their deltas on the days before it, per receiving
-- agency, procedure and channel (non-zero ones). A report's carried over
-- and pending read one month's rows here instead of summing every delta
-- since the first day. Kept for the months listed in stats_open_months
-- (from the first month of the history to the current one): the worker
-- adds the month that begins (mc_stats_close_months), and every change of
-- a delta on a day before a listed month is added to that month's row in
-- the same transaction (mc_stats.c apply()). A report from a month not
-- listed sums the deltas as before.
CREATE TABLE stats_open (
	month		DATE NOT NULL,
	agency_id	INT UNSIGNED NOT NULL,
	procedure_id	INT UNSIGNED NOT NULL,
	channel		TINYINT UNSIGNED NOT NULL,
	metric		SMALLINT UNSIGNED NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (month, agency_id, metric, procedure_id, channel)
) ENGINE=InnoDB;

CREATE TABLE stats_open_months (
	month		DATE NOT NULL PRIMARY KEY
) ENGINE=InnoDB;

-- A period's flows are a range of dates: date-first indexes that hold
-- every column a report reads (the primary keys are agency and metric
-- first, so a period was not a range in them).
ALTER TABLE stats_month
	ADD KEY stats_month_period (month, agency_id, metric, procedure_id,
	    channel, n);

ALTER TABLE stats_day
	ADD KEY stats_day_period (day, agency_id, metric, procedure_id,
	    channel, n);
