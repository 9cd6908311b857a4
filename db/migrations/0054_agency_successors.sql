-- Reorganisations (issue 11): which units took over a dissolved one, from
-- which day. agencies.successor_id stays the one successor a dissolved
-- unit's figures are counted in "by today's units" (and the public
-- statistics); this table holds every unit it went into (an old ward split
-- over several new ones: part 'partial'), which `motcua move-dossiers`
-- accepts as the destination of its open dossiers. Loaded by `motcua seed`
-- from db/seed/ward_successors.csv (the 1 July 2025 merger of wards).
CREATE TABLE agency_successors (
	agency_id	INT UNSIGNED NOT NULL,
	successor_id	INT UNSIGNED NOT NULL,
	effective	DATE NOT NULL,			-- the first day of the successor
	part		ENUM('full','partial') NOT NULL DEFAULT 'full',
	PRIMARY KEY (agency_id, successor_id),
	KEY agency_successors_successor (successor_id),
	CONSTRAINT agency_successors_agency_fk FOREIGN KEY (agency_id) REFERENCES agencies (id),
	CONSTRAINT agency_successors_successor_fk FOREIGN KEY (successor_id) REFERENCES agencies (id)
) ENGINE=InnoDB;
