-- Issue 11: the applicants' satisfaction of a period (the leaders'
-- dashboard, Decision 766's rated_satisfied) read from summary rows instead
-- of every rating of the period with its overall answer.
--
-- The ratings with an overall answer (question code 'overall' of their
-- questionnaire), per receiving agency and local day (grain 'D') and month
-- (grain 'M', day the 1st): how many, satisfied or very (score 1 or 2),
-- very (2). Added in the rating's own transaction (mc_eval_rate ->
-- mc_stats_rating); `motcua stats-rebuild` counts them again from the
-- ratings (mc_stats_ratings_rebuild), `motcua gen` after writing its own.
-- A period reads its whole months' 'M' rows and its edge days' 'D' rows.
CREATE TABLE stats_ratings (
	grain		CHAR(1) NOT NULL,
	day		DATE NOT NULL,
	agency_id	INT UNSIGNED NOT NULL,
	ratings		BIGINT NOT NULL,
	satisfied	BIGINT NOT NULL,
	very		BIGINT NOT NULL,
	PRIMARY KEY (grain, day, agency_id)
) ENGINE=InnoDB;

-- The ratings given before this migration (as mc_stats_ratings_rebuild).
INSERT INTO stats_ratings (grain, day, agency_id, ratings, satisfied, very)
SELECT g.grain, IF(g.grain = 'D', DATE(r.created_at),
	DATE_FORMAT(r.created_at, '%Y-%m-01')) AS d, r.agency_id, COUNT(*),
	SUM(a.score >= 1), SUM(a.score = 2)
FROM eval_ratings r
JOIN eval_questions q ON q.questionnaire_id = r.questionnaire_id
	AND q.code = 'overall'
JOIN eval_answers a ON a.rating_id = r.id AND a.seq = q.seq
JOIN (SELECT 'D' AS grain UNION ALL SELECT 'M') g
GROUP BY g.grain, d, r.agency_id;
