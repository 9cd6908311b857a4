-- Issue 10: a reopened feedback is a new round with its own deadline. The
-- round's start (round_at: the sending, else the latest reopening) is what
-- the officer's list colours the deadline against (yellow when little of
-- the round's working time is left), not the first sending. Statements
-- end with ';' at a line end.

ALTER TABLE feedback ADD COLUMN round_at DATETIME NULL AFTER due_at;

UPDATE feedback f SET round_at = COALESCE((SELECT MAX(e.at)
	FROM feedback_events e WHERE e.feedback_id = f.id
	AND e.action = 'reopen'), f.created_at);

ALTER TABLE feedback MODIFY round_at DATETIME NOT NULL;
