-- Self-assessment and appraisal (issue 10): per agency, quarter and legal
-- index (1-9), the score the unit gives itself and the one its appraiser (a
-- leader or admin of the agency directly above) gives, in tenths (0-20).
-- Once appraised, the unit's own scores of that quarter no longer change.
CREATE TABLE eval_self_scores (
	agency_id	INT UNSIGNED NOT NULL,
	year		SMALLINT UNSIGNED NOT NULL,
	quarter		TINYINT UNSIGNED NOT NULL,
	idx		TINYINT UNSIGNED NOT NULL,
	self_tenths	TINYINT UNSIGNED NULL,
	self_by		BIGINT UNSIGNED NULL,
	self_at		DATETIME NULL,
	appraised_tenths TINYINT UNSIGNED NULL,
	appraised_by	BIGINT UNSIGNED NULL,
	appraised_at	DATETIME NULL,
	PRIMARY KEY (agency_id, year, quarter, idx),
	CONSTRAINT eval_self_scores_agency_fk FOREIGN KEY (agency_id) REFERENCES agencies (id)
) ENGINE=InnoDB;
