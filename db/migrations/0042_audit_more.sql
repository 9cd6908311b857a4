-- Issue 9: the audit log covers officers opening and acting on dossiers,
-- exports, configuration changes, accounts made and disabled by
-- administrators and role changes. An entry may name the dossier it was
-- about and the agency and role the officer acted in (the citizen's page
-- "who opened my dossier" reads them by dossier; an agency administrator's
-- audit page reads those of their subtree). Rows with any of the three are
-- hashed as "mc-audit-2" with them (lib/domain/mc_audit.c).
ALTER TABLE audit_log
	ADD COLUMN dossier_id	BIGINT UNSIGNED NULL,	-- no foreign key: the log outlives dossiers
	ADD COLUMN agency_id	INT UNSIGNED NULL,
	ADD COLUMN role		VARCHAR(16) NULL,
	ADD KEY audit_log_dossier (dossier_id, id),
	ADD KEY audit_log_agency (agency_id, id),
	ADD KEY audit_log_at (at);

-- Re-authentication before sensitive actions (role changes, disabling an
-- account): when the session's owner last typed their password again.
ALTER TABLE sessions ADD COLUMN reauth_at DATETIME NULL;
