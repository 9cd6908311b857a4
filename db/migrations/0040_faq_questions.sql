-- The assistant answers from the FAQs (issue 14): the wordings an FAQ
-- answers, as the assistant logs a question (mc_search_unanswered_log's
-- folded words, numbers dropped, at most 200 bytes). A webmaster's FAQ
-- added from an unanswered question records that wording; every FAQ saved
-- records its own questions' wordings. Gone with its FAQ.
-- Statements are separated by a line ending in ';'.

CREATE TABLE faq_questions (
	question	VARCHAR(200) NOT NULL PRIMARY KEY,
	faq_id		INT UNSIGNED NOT NULL,
	KEY faq_questions_faq (faq_id),
	CONSTRAINT faq_questions_faq_fk FOREIGN KEY (faq_id) REFERENCES faqs (id) ON DELETE CASCADE
) ENGINE=InnoDB;
