-- Issue 12: the open dossiers of the whole city in the order of their
-- step's due time, for a leaders' overview over most of the city (the
-- city's administrator: 1 million open dossiers). Its overdue and due-soon
-- lists (100 each, nearest due first) read this index from the nearest
-- due time and stop at the hundredth dossier of the leader's agencies,
-- instead of sorting every red or yellow dossier of 184 agencies
-- (cgi-bin/office/leader.c, list_by_due). Statements end with ';' at a
-- line end.

ALTER TABLE dossiers
	ADD KEY dossiers_open_due (is_open, step_due_at);
