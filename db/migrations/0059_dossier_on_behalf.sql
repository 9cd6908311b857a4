-- Issue 9, finding 4.2: a dossier filed online is the account holder's own
-- unless the citizen says they file it on behalf of someone else (a
-- relative, an employee of a business). Then dossiers.account_id is the
-- filer, applicant_* are as the filer declared them (unverified: the
-- officer checks the applicant's identity paper at the counter or when
-- handing over the result) and on_behalf says so. Filed for oneself, the
-- applicant's name and ID number are the account's (cgi-bin/portal/filing.c).
-- Statements end with ';' at a line end.

ALTER TABLE dossiers
	ADD COLUMN on_behalf TINYINT(1) NOT NULL DEFAULT 0;
