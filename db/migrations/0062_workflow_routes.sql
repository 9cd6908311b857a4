-- Exclusive gateways in workflows (issue 13): where a step leads when it
-- is done. A workflow without routes runs its steps one after another, as
-- before; one with routes (read from its BPMN diagram's gateways when it
-- is saved) goes from step from_seq to the first route, in ord order,
-- whose condition holds (mc_cond: fields.key == "v", decision == "v",
-- &&, ||, !, parentheses), else to its default route (cond NULL). label
-- is the arrow's name, offered to the officer deciding. A dossier's steps
-- on a branch it did not take are marked skipped.
CREATE TABLE workflow_routes (
	workflow_id	INT UNSIGNED NOT NULL,
	from_seq	SMALLINT UNSIGNED NOT NULL,
	ord		SMALLINT UNSIGNED NOT NULL,
	to_seq		SMALLINT UNSIGNED NOT NULL,
	cond		VARCHAR(500) NULL,		-- NULL: the default
	label		VARCHAR(255) NULL,
	PRIMARY KEY (workflow_id, from_seq, ord),
	CONSTRAINT workflow_routes_workflow_fk FOREIGN KEY (workflow_id) REFERENCES workflows (id)
) ENGINE=InnoDB;

ALTER TABLE dossier_steps
	ADD COLUMN skipped TINYINT(1) NOT NULL DEFAULT 0;
