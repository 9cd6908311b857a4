-- Issue 10: the note that says what a questionnaire version changed is
-- bilingual as the questions' wording is: note in Vietnamese, note_en in
-- English, each shown to readers of its language (the other when a version
-- has one only: versions saved before this have Vietnamese only). Both are
-- wide enough for a switch's note (a label and a question's 500-byte text).
-- Statements end with ';' at a line end.

ALTER TABLE eval_questionnaires MODIFY note VARCHAR(1000) NULL,
	ADD COLUMN note_en VARCHAR(1000) NULL AFTER note;
