-- The inbox's procedure filter (issue 12): the procedures of the dossiers
-- an agency holds now (open or closed: the inbox's status filter shows
-- both), counted by agency and procedure in the transaction of every
-- transition (lib/domain/mc_counters.c, with the colour and status
-- counters of 0036), instead of reading every dossier the agency ever
-- held on each inbox page (0.19 s at a million dossiers). Each dossier
-- remembers the agency whose row counts it (counted_list_agency), so a
-- move takes it out of exactly that one; rows written outside the domain
-- are counted by the worker's pass with the other counters (counted_colour
-- NULL). Writers spread over slots; a count is the sum of its slots.
-- `bin/motcua counters rebuild` recomputes them with the others.
CREATE TABLE procedure_counters (
	agency_id	INT UNSIGNED NOT NULL,		-- current agency
	procedure_id	INT UNSIGNED NOT NULL,
	slot		TINYINT UNSIGNED NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (agency_id, procedure_id, slot)
) ENGINE=InnoDB;

ALTER TABLE dossiers ADD COLUMN counted_list_agency INT UNSIGNED NULL;

UPDATE dossiers SET counted_list_agency = current_agency_id;

INSERT INTO procedure_counters (agency_id, procedure_id, slot, n)
SELECT current_agency_id, procedure_id, 0, COUNT(*) FROM dossiers
WHERE current_agency_id IS NOT NULL
GROUP BY current_agency_id, procedure_id;
