-- Search that finds what people mean (issue 14).
-- 1. The folded search text follows mc_fold()'s new rule: a consonant (or
--    "qu") and a lone y end in i ("dang ky" -> "dang ki"), as the queries
--    are folded; updated_at is kept (the pages do not change).
-- 2. The synonyms: what people write (term) and the catalogue's words it
--    means, each with its source; seeded from db/seed/synonyms.csv by
--    `motcua seed`, edited by webmasters (/can-bo/quan-tri-trang/tu-dong-nghia).
--    A pair webmasters turn off stays (active = 0) so a new seed run does not
--    bring it back.
-- 3. The assistant's questions it could not answer, without personal data
--    (folded words, numbers dropped), counted, for webmasters.
-- Statements are separated by a line ending in ';'.

UPDATE procedures SET
	search_text = REGEXP_REPLACE(search_text, '(^| )([bdhklmnprstvx]|qu)y(?= |$)', '\\1\\2i'),
	updated_at = updated_at;

CREATE TABLE search_synonyms (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	term		VARCHAR(200) NOT NULL,		-- what people write: "độc thân"
	means		VARCHAR(300) NOT NULL,		-- the catalogue's words: "tình trạng hôn nhân"
	source		VARCHAR(500) NOT NULL DEFAULT '',	-- where the pair comes from
	active		TINYINT(1) NOT NULL DEFAULT 1,
	updated_at	DATETIME NOT NULL,
	updated_by	BIGINT UNSIGNED NULL,		-- accounts.id; NULL: the seed
	UNIQUE KEY search_synonyms_pair (term, means(100))
) ENGINE=InnoDB;

CREATE TABLE assistant_unanswered (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	question	VARCHAR(200) NOT NULL,		-- folded words, numbers dropped
	lang		CHAR(2) NOT NULL DEFAULT 'vi',
	asked		INT UNSIGNED NOT NULL DEFAULT 1,
	first_at	DATETIME NOT NULL,
	last_at		DATETIME NOT NULL,
	done		TINYINT(1) NOT NULL DEFAULT 0,	-- a webmaster dealt with it
	UNIQUE KEY assistant_unanswered_q (question, lang),
	KEY assistant_unanswered_open (done, last_at)
) ENGINE=InnoDB;
