-- Issue 9: where the audit log's hash chain was last verified whole, so that
-- the audit page need not recompute millions of rows on each load: it
-- verifies the rows after the checkpoint (and that the checkpoint's row
-- still bears the hash verified), then moves the checkpoint on. Only
-- `motcua audit-check` (mc_audit_check) recomputes the chain from row 1;
-- both move the checkpoint forward when the chain holds, never back.
CREATE TABLE audit_checkpoint (
	id		TINYINT UNSIGNED NOT NULL PRIMARY KEY,	-- always 1
	last_id		BIGINT UNSIGNED NOT NULL,	-- the last row verified (0: none)
	hash		CHAR(64) NOT NULL,		-- its hash
	checked_at	DATETIME NULL
) ENGINE=InnoDB;

INSERT INTO audit_checkpoint (id, last_id, hash)
	VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
