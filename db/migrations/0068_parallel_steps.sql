-- Parallel consultation in workflows (issue 13): a parallel gateway of the
-- BPMN diagram sends a dossier to several steps at once (the tax office
-- and the land office, say) and joins again when all have answered.
-- A route's kind: 0 a choice (exclusive gateway or sequence, as before),
-- 1 a fork (every fork route out of a step is taken at once), 2 a join
-- (the step it leads to starts when no other branch step is open).
-- A dossier's step on such a branch is marked branch: several of them are
-- open (started, not finished) at the same time, each with its own agency,
-- role and due time; officers of each agency find theirs by
-- dossier_steps_branch.
ALTER TABLE workflow_routes
	ADD COLUMN kind TINYINT UNSIGNED NOT NULL DEFAULT 0;

ALTER TABLE dossier_steps
	ADD COLUMN branch TINYINT(1) NOT NULL DEFAULT 0,
	ADD KEY dossier_steps_branch (branch, agency_id, finished_at);
