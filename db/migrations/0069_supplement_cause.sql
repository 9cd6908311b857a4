-- Issue 10, index 3 (contacts needed to complete the dossier): a supplement
-- request during processing says whose fault it is. 'applicant': papers
-- missing or wrong (not counted by index 3, Circular 01/2018 Art. 13: "unless
-- the applicant's fault"); 'agency': the agency's own error (asking twice,
-- asking for what it already had; counted). NULL: requests at receipt (not
-- counted anyway) and requests made before this column or through the API
-- without a cause (counted, as they were).
-- Statements end with ';' at a line end.

ALTER TABLE supplement_requests
	ADD COLUMN cause ENUM('applicant','agency') NULL AFTER stage;
