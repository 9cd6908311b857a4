-- The expected finish of open dossiers (issue 11): for every dossier
-- resolved, and each step it went through before its result, the working
-- time from the step's start to the result, as a histogram per procedure,
-- step agency and step (bucket: upper bound in working hours, as
-- stats_step). Kept by the same recount as the other summaries
-- (lib/domain/mc_stats.c, entries 'R'), so an open dossier's expectation
-- is a primary-key range read, never a scan of dossiers. The history of
-- dossiers resolved before this migration comes with
-- `motcua stats-rebuild`.
-- Statements end with ';' at a line end.
CREATE TABLE stats_remain (
	procedure_id	INT UNSIGNED NOT NULL,
	agency_id	INT UNSIGNED NOT NULL,
	seq		SMALLINT UNSIGNED NOT NULL,
	bucket		INT UNSIGNED NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (procedure_id, agency_id, seq, bucket)
) ENGINE=InnoDB;
