-- Issue 12: the open dossiers of the whole city in order of submission, for
-- the leaders' list of dossiers nobody can act on (mc_routing_stuck) over
-- most of the city (the city's administrator: 1 million open, the 168
-- wards with no officer in the seed data). It reads this index from the
-- oldest and stops at the hundredth dossier of the agencies with no leader
-- whose step nobody holds, instead of sorting every dossier of those
-- agencies (24.9 s at 1 million). Statements end with ';' at a line end.

ALTER TABLE dossiers
	ADD KEY dossiers_open_submitted (is_open, submitted_at);
