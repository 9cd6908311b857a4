-- Issue 10: published answers to feedback are found by the site's search as
-- procedures are: a folded search text (mc_fold of the code, the feedback
-- and its latest answer, written with each answer) under a FULLTEXT index.
-- The evaluation manager's role (quản lý đánh giá), who edits the
-- questionnaire in new versions: a version says what changed, and the
-- questions a manager adds may be optional ('extra': neither a legal index
-- nor a required satisfaction question). Statements end with ';' at a line
-- end.

ALTER TABLE feedback ADD COLUMN search_text TEXT NULL,
	ADD FULLTEXT KEY feedback_search (search_text);

ALTER TABLE account_roles MODIFY role
	ENUM('citizen','receiver','specialist','leader','admin','evaluator') NOT NULL;

ALTER TABLE eval_questionnaires ADD COLUMN note VARCHAR(500) NULL;

ALTER TABLE eval_questions MODIFY kind
	ENUM('index','satisfaction','extra') NOT NULL;
