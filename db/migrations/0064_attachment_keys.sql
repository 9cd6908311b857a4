-- Issue 15: attachments encrypted at rest under a key that can be rotated
-- (tools/fileskey.sh --rotate, `bin/motcua files-rekey`). Each stored
-- file's row says which key it is written under: the key id of its header
-- (8 hex digits, the first four bytes of SHA-256("motcua files key" |
-- key)); NULL: in clear, or stored before this column (`files-encrypt` and
-- `files-rekey` fill it in). Written when the file is filed and by
-- files-rekey after each file is renamed into place, so that an old key
-- is retired only when no row names it. Statements end with ';' at a line
-- end.

ALTER TABLE attachments
	ADD COLUMN key_id CHAR(8) NULL AFTER mime,
	ADD KEY attachments_key (key_id);
