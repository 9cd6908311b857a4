-- Issue 9: the webmaster's role (quản trị cổng thông tin), who edits and
-- publishes the portal's content (questions and answers, news, the
-- procedures' online service level, search synonyms, the site build) and
-- nothing else: no accounts, no workflows, no dossiers. Granted at an
-- agency by its administrator as every other role. Statements end with ';'
-- at a line end.

ALTER TABLE account_roles MODIFY role
	ENUM('citizen','receiver','specialist','leader','admin','evaluator','webmaster') NOT NULL;
