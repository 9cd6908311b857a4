-- Organisations register too (issue 9): an account is a person's or an
-- organisation's (kind). An organisation's account holds its name and tax
-- code (mã số thuế: 10 digits, or 10 digits, '-' and a branch's 3); its
-- full_name and id_number are its representative's. Like an ID number, a
-- tax code typed is a claim: several accounts may hold it, at most one
-- verified (an administrator who saw the business registration
-- certificate: tax_verified_by, tax_verified_at, audited). Its dossiers
-- carry the organisation's name and tax code as the applicant's, so
-- applicant_id_number widens to 14 ("0312345678-001").
ALTER TABLE accounts
	ADD COLUMN kind ENUM('person','org') NOT NULL DEFAULT 'person',
	ADD COLUMN org_name VARCHAR(255) NULL,
	ADD COLUMN tax_code VARCHAR(14) NULL,
	ADD COLUMN tax_verified TINYINT(1) NOT NULL DEFAULT 0,
	ADD COLUMN tax_verified_by ENUM('counter','admin') NULL,
	ADD COLUMN tax_verified_at DATETIME NULL,
	ADD KEY accounts_tax_code (tax_code);

ALTER TABLE accounts
	ADD COLUMN verified_tax_code VARCHAR(14)
	    AS (IF(tax_verified = 1, tax_code, NULL)) PERSISTENT,
	ADD UNIQUE KEY accounts_verified_tax (verified_tax_code);

ALTER TABLE dossiers
	MODIFY applicant_id_number VARCHAR(14) NOT NULL;
