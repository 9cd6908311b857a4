-- Who holds each open step of a parallel consultation (issue 13): a leader
-- of the step's agency assigns it to one of its officers, branch by branch,
-- as the dossier's holder_id does for its one current step; the dossier
-- page shows who holds each open branch. NULL: nobody yet (the agency's
-- officers of the step's role find it in their inbox). A step started
-- again (sent back) is held by nobody until assigned again.
ALTER TABLE dossier_steps
	ADD COLUMN holder_id BIGINT UNSIGNED NULL;
