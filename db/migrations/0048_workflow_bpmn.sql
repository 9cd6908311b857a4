-- The workflow designer (issue 13): a workflow version drawn with bpmn-js
-- keeps its diagram (BPMN 2.0 XML, our mc:role, mc:agency, mc:hours on
-- each task) beside the steps the engine runs (workflow_steps), which are
-- read from it when it is saved. NULL: saved from the table of steps, or
-- before the designer; the designer then draws the steps.
ALTER TABLE workflows
	ADD COLUMN bpmn MEDIUMTEXT NULL;
