-- Search ranking (issue 14): the frequently used procedures come first
-- among equals. uses: dossiers filed for the procedure over the last 365
-- days; frequent: among the 50 most used, with at least 10. Both are
-- derived: mc_search_usage_refresh() computes them again (bin/worker,
-- hourly); updated_at is left alone (the pages do not change).
-- Statements are separated by a line ending in ';'.

ALTER TABLE procedures
	ADD COLUMN uses INT UNSIGNED NOT NULL DEFAULT 0,
	ADD COLUMN frequent TINYINT(1) NOT NULL DEFAULT 0;
