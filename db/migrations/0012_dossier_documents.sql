-- The documents received with a dossier, as form 01 lists them: ticked at
-- the counter from the procedure's checklist (with originals and copies),
-- or the files attached online (one electronic copy each). Issue 7.
CREATE TABLE dossier_documents (
	dossier_id	BIGINT UNSIGNED NOT NULL,
	seq		SMALLINT UNSIGNED NOT NULL,	-- checklist row
	name		TEXT NOT NULL,
	originals	SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	copies		SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	PRIMARY KEY (dossier_id, seq),
	CONSTRAINT dossier_documents_fk FOREIGN KEY (dossier_id) REFERENCES dossiers (id)
) ENGINE=InnoDB;

-- Step 1 of a dossier accepted after hours or after the cut-off was recorded
-- as handed over at the next opening (the clock start), after its real
-- hand-over: form 05 showed "given" after "taken". The hand-over happened at
-- receipt (mc_dossier.c start_step now records it so).
UPDATE dossier_steps s JOIN dossiers d ON d.id = s.dossier_id
SET s.started_at = d.received_at
WHERE s.seq = 1 AND d.received_at IS NOT NULL
  AND s.started_at = d.clock_start_at AND s.started_at > d.received_at;
