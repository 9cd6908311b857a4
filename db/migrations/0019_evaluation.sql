-- Satisfaction evaluation (issue 10): a versioned questionnaire (the nine
-- legal indices of Circular 01/2018 and the satisfaction questions), one
-- rating per dossier tied to the step and the officers who handled it, the
-- single-use links sent when a result is returned, the registered kiosks and
-- counter tablets, and the classification bands. Statements end with ';' at
-- a line end.

-- A questionnaire version: answers keep the version they were given on.
CREATE TABLE eval_questionnaires (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	version		INT UNSIGNED NOT NULL,
	valid_from	DATETIME NOT NULL,
	created_by	BIGINT UNSIGNED NULL,
	created_at	DATETIME NOT NULL,
	UNIQUE KEY eval_questionnaires_version (version)
) ENGINE=InnoDB;

-- Its questions: kind 'index' (legal index 1-9, optional for the citizen)
-- or 'satisfaction' (required); three options scored 2, 1, 0.
CREATE TABLE eval_questions (
	questionnaire_id INT UNSIGNED NOT NULL,
	seq		SMALLINT UNSIGNED NOT NULL,
	kind		ENUM('index','satisfaction') NOT NULL,
	code		VARCHAR(32) NOT NULL,		-- i1..i9, overall, convenience, ontime, attitude
	text		VARCHAR(500) NOT NULL,
	text_en		VARCHAR(500) NOT NULL,
	o2		VARCHAR(255) NOT NULL,
	o1		VARCHAR(255) NOT NULL,
	o0		VARCHAR(255) NOT NULL,
	o2_en		VARCHAR(255) NOT NULL,
	o1_en		VARCHAR(255) NOT NULL,
	o0_en		VARCHAR(255) NOT NULL,
	PRIMARY KEY (questionnaire_id, seq),
	CONSTRAINT eval_questions_q_fk FOREIGN KEY (questionnaire_id) REFERENCES eval_questionnaires (id)
) ENGINE=InnoDB;

-- Registered devices: a kiosk or a counter tablet of an agency, paired by an
-- admin's one-time code (its SHA-256 kept until used); the device then holds
-- a token (SHA-256 kept). A tablet is bound to the officer at its counter.
CREATE TABLE eval_devices (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	agency_id	INT UNSIGNED NOT NULL,
	kind		ENUM('kiosk','tablet') NOT NULL,
	name		VARCHAR(120) NOT NULL,
	pair_hash	BINARY(32) NULL,
	pair_expires_at	DATETIME NULL,
	token_hash	BINARY(32) NULL,
	paired_at	DATETIME NULL,
	officer_id	BIGINT UNSIGNED NULL,		-- tablet: the officer at the counter now
	created_by	BIGINT UNSIGNED NULL,
	created_at	DATETIME NOT NULL,
	revoked_at	DATETIME NULL,
	UNIQUE KEY eval_devices_pair (pair_hash),
	UNIQUE KEY eval_devices_token (token_hash),
	KEY eval_devices_agency (agency_id),
	CONSTRAINT eval_devices_agency_fk FOREIGN KEY (agency_id) REFERENCES agencies (id),
	CONSTRAINT eval_devices_officer_fk FOREIGN KEY (officer_id) REFERENCES accounts (id)
) ENGINE=InnoDB;

-- What a counter tablet shows of an officer: title and photo.
CREATE TABLE eval_officer_cards (
	account_id	BIGINT UNSIGNED NOT NULL PRIMARY KEY,
	title		VARCHAR(255) NOT NULL,
	title_en	VARCHAR(255) NULL,
	photo_sha256	CHAR(64) NULL,
	CONSTRAINT eval_officer_cards_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- A counter visit: opened by the officer after a service, rated once.
CREATE TABLE eval_visits (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	device_id	INT UNSIGNED NOT NULL,
	officer_id	BIGINT UNSIGNED NOT NULL,
	opened_at	DATETIME NOT NULL,
	rated_at	DATETIME NULL,
	KEY eval_visits_device (device_id, rated_at),
	CONSTRAINT eval_visits_device_fk FOREIGN KEY (device_id) REFERENCES eval_devices (id)
) ENGINE=InnoDB;

-- A rating: one per dossier (dossier_id unique) or per counter visit.
CREATE TABLE eval_ratings (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	questionnaire_id INT UNSIGNED NOT NULL,
	dossier_id	BIGINT UNSIGNED NULL,
	visit_id	BIGINT UNSIGNED NULL,
	channel		ENUM('web','link','kiosk','tablet') NOT NULL,
	device_id	INT UNSIGNED NULL,
	account_id	BIGINT UNSIGNED NULL,		-- the applicant, when logged in
	agency_id	INT UNSIGNED NOT NULL,		-- the receiving agency (or the device's)
	procedure_id	INT UNSIGNED NULL,
	step_seq	SMALLINT UNSIGNED NULL,		-- the step it is about (the return step)
	officer_id	BIGINT UNSIGNED NULL,		-- the officer of that step / at the counter
	reason		VARCHAR(2000) NULL,
	created_at	DATETIME NOT NULL,
	UNIQUE KEY eval_ratings_dossier (dossier_id),
	UNIQUE KEY eval_ratings_visit (visit_id),
	KEY eval_ratings_agency (agency_id, created_at),
	KEY eval_ratings_officer (officer_id, created_at),
	CONSTRAINT eval_ratings_q_fk FOREIGN KEY (questionnaire_id) REFERENCES eval_questionnaires (id),
	CONSTRAINT eval_ratings_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossiers (id),
	CONSTRAINT eval_ratings_visit_fk FOREIGN KEY (visit_id) REFERENCES eval_visits (id),
	CONSTRAINT eval_ratings_agency_fk FOREIGN KEY (agency_id) REFERENCES agencies (id)
) ENGINE=InnoDB;

CREATE TABLE eval_answers (
	rating_id	BIGINT UNSIGNED NOT NULL,
	seq		SMALLINT UNSIGNED NOT NULL,	-- eval_questions.seq of its version
	score		TINYINT UNSIGNED NOT NULL,	-- 2, 1 or 0
	PRIMARY KEY (rating_id, seq),
	CONSTRAINT eval_answers_rating_fk FOREIGN KEY (rating_id) REFERENCES eval_ratings (id)
) ENGINE=InnoDB;

-- Every officer who handled the dossier's steps, for per-officer scores.
CREATE TABLE eval_rating_officers (
	rating_id	BIGINT UNSIGNED NOT NULL,
	step_seq	SMALLINT UNSIGNED NOT NULL,
	officer_id	BIGINT UNSIGNED NOT NULL,
	agency_id	INT UNSIGNED NOT NULL,
	PRIMARY KEY (rating_id, step_seq, officer_id),
	KEY eval_rating_officers_officer (officer_id),
	CONSTRAINT eval_rating_officers_rating_fk FOREIGN KEY (rating_id) REFERENCES eval_ratings (id)
) ENGINE=InnoDB;

-- The single-use links sent with the returned result (SHA-256 of the token).
CREATE TABLE eval_tokens (
	token_hash	BINARY(32) NOT NULL PRIMARY KEY,
	dossier_id	BIGINT UNSIGNED NOT NULL,
	created_at	DATETIME NOT NULL,
	expires_at	DATETIME NOT NULL,
	used_at		DATETIME NULL,
	KEY eval_tokens_dossier (dossier_id),
	CONSTRAINT eval_tokens_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossiers (id)
) ENGINE=InnoDB;

-- Classification of a total out of 18: the highest band whose minimum it
-- reaches. The official bands were not found (DOMAIN.md): data to edit.
CREATE TABLE eval_bands (
	min_total	DECIMAL(4,1) NOT NULL PRIMARY KEY,
	name		VARCHAR(100) NOT NULL,
	name_en		VARCHAR(100) NOT NULL
) ENGINE=InnoDB;

INSERT INTO eval_bands (min_total, name, name_en) VALUES
	(16.0, 'Xuất sắc', 'Excellent'),
	(14.0, 'Tốt', 'Good'),
	(10.0, 'Đạt', 'Satisfactory'),
	(0.0, 'Chưa đạt', 'Unsatisfactory');

INSERT INTO eval_questionnaires (id, version, valid_from, created_at) VALUES
	(1, 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00');

INSERT INTO eval_questions (questionnaire_id, seq, kind, code, text, text_en, o2, o1, o0, o2_en, o1_en, o0_en) VALUES
	(1, 1, 'satisfaction', 'overall', 'Mức độ hài lòng chung của Ông/Bà', 'Your overall satisfaction', 'Rất hài lòng', 'Hài lòng', 'Không hài lòng', 'Very satisfied', 'Satisfied', 'Not satisfied'),
	(1, 2, 'satisfaction', 'convenience', 'Sự thuận tiện khi thực hiện thủ tục', 'Convenience of the procedure', 'Rất hài lòng', 'Hài lòng', 'Không hài lòng', 'Very satisfied', 'Satisfied', 'Not satisfied'),
	(1, 3, 'satisfaction', 'ontime', 'Trả kết quả đúng hẹn', 'Result returned on time', 'Rất hài lòng', 'Hài lòng', 'Không hài lòng', 'Very satisfied', 'Satisfied', 'Not satisfied'),
	(1, 4, 'satisfaction', 'attitude', 'Thái độ phục vụ của cán bộ, công chức', 'The officers\' attitude', 'Rất hài lòng', 'Hài lòng', 'Không hài lòng', 'Very satisfied', 'Satisfied', 'Not satisfied'),
	(1, 5, 'index', 'i1', '1. Tổng thời gian giải quyết so với thời gian quy định', '1. Total handling time against the legal limit', 'Sớm hơn quy định', 'Đúng quy định', 'Trễ hạn', 'Shorter', 'Equal', 'Longer'),
	(1, 6, 'index', 'i2', '2. Thời gian xử lý của từng cơ quan, kể cả cơ quan phối hợp', '2. Each agency\'s own time, coordinating ones included', 'Tất cả sớm hơn quy định', 'Đúng quy định', 'Có cơ quan trễ hạn', 'All shorter', 'Equal', 'One was longer'),
	(1, 7, 'index', 'i3', '3. Số lần phải liên hệ để hoàn thiện hồ sơ', '3. Contacts needed to complete the dossier', 'Không lần nào', 'Một lần', 'Nhiều hơn một lần', 'None', 'One', 'More than one'),
	(1, 8, 'index', 'i4', '4. Số cơ quan, đơn vị phải liên hệ', '4. Agencies you had to contact', 'Không phải liên hệ', 'Chỉ Bộ phận Một cửa', 'Nhiều cơ quan', 'None', 'Only the one-stop section', 'More'),
	(1, 9, 'index', 'i5', '5. Tiếp nhận và trả kết quả tại Bộ phận Một cửa', '5. Received and returned at the one-stop section', 'Giải quyết và trả ngay tại Bộ phận Một cửa', 'Tiếp nhận và trả tại Bộ phận Một cửa', 'Phải đến nơi khác', 'Decided and returned there', 'Received and returned there', 'Had to go elsewhere'),
	(1, 10, 'index', 'i6', '6. Công khai thủ tục hành chính', '6. Publication of the procedure', 'Đầy đủ, niêm yết và trên mạng', 'Chỉ một trong hai hình thức', 'Không công khai', 'Complete, posted and online', 'Only one of the two', 'Not published'),
	(1, 11, 'index', 'i7', '7. Thái độ của cán bộ, công chức', '7. Officers\' attitude', 'Tận tình, trả sớm hạn', 'Đúng mực, đúng hạn', 'Có phản ánh, kiến nghị', 'Helpful, early', 'Correct, on time', 'A complaint'),
	(1, 12, 'index', 'i8', '8. Tiếp nhận, xử lý phản ánh, kiến nghị', '8. Handling of feedback and petitions', 'Không có hoặc trả lời đúng hạn', 'Trả lời nhưng chậm', 'Không được trả lời', 'None, or answered on time', 'Answered late', 'Not answered'),
	(1, 13, 'index', 'i9', '9. Dịch vụ công trực tuyến', '9. Online services', 'Trực tuyến thuận tiện, đúng hạn', 'Một phần trực tuyến', 'Không có hoặc trễ hạn', 'Online, convenient, on time', 'Partly online', 'None, or late');
