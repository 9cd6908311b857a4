-- Workflows (quy trình nội bộ) as versioned data, and each dossier's own
-- steps: who gave, who took, when, due, early/on time/late (form 05).

CREATE TABLE workflows (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	procedure_id	INT UNSIGNED NULL,		-- NULL: the default for all
	version		INT UNSIGNED NOT NULL,
	name		VARCHAR(255) NOT NULL,
	created_at	DATETIME NOT NULL,
	created_by	BIGINT UNSIGNED NULL,
	UNIQUE KEY workflows_version (procedure_id, version),
	CONSTRAINT workflows_procedure_fk FOREIGN KEY (procedure_id) REFERENCES procedures (id)
) ENGINE=InnoDB;

-- A step's duration is either fixed (minutes of working time) or a share
-- (per mille) of the procedure's legal time, so the default workflow's total
-- equals each procedure's legal time.
CREATE TABLE workflow_steps (
	workflow_id	INT UNSIGNED NOT NULL,
	seq		SMALLINT UNSIGNED NOT NULL,	-- 1, 2, ...
	name		VARCHAR(255) NOT NULL,
	role		ENUM('receiver','specialist','leader') NOT NULL,
	agency_id	INT UNSIGNED NULL,		-- NULL: the receiving agency
	minutes		INT UNSIGNED NULL,
	share		SMALLINT UNSIGNED NULL,		-- per mille of the legal time
	PRIMARY KEY (workflow_id, seq),
	CONSTRAINT workflow_steps_workflow_fk FOREIGN KEY (workflow_id) REFERENCES workflows (id),
	CONSTRAINT workflow_steps_agency_fk FOREIGN KEY (agency_id) REFERENCES agencies (id)
) ENGINE=InnoDB;

INSERT INTO workflows (id, procedure_id, version, name, created_at)
VALUES (1, NULL, 1, 'Quy trình mặc định: tiếp nhận, thẩm định, phê duyệt, trả kết quả', NOW());

INSERT INTO workflow_steps (workflow_id, seq, name, role, share) VALUES
	(1, 1, 'Tiếp nhận hồ sơ', 'receiver', 63),
	(1, 2, 'Thẩm định, xử lý hồ sơ', 'specialist', 749),
	(1, 3, 'Phê duyệt kết quả', 'leader', 125),
	(1, 4, 'Trả kết quả', 'receiver', 63);

ALTER TABLE procedures
	ADD COLUMN cutoff_minutes SMALLINT UNSIGNED NOT NULL DEFAULT 900
	    COMMENT 'receipt cut-off, minutes after midnight (15:00)';

ALTER TABLE dossiers
	ADD COLUMN procedure_version INT UNSIGNED NOT NULL DEFAULT 1,
	ADD COLUMN workflow_id INT UNSIGNED NULL,
	ADD COLUMN current_step SMALLINT UNSIGNED NULL,
	ADD COLUMN current_agency_id INT UNSIGNED NULL,
	ADD COLUMN holder_id BIGINT UNSIGNED NULL,
	ADD COLUMN step_due_at DATETIME NULL,
	ADD COLUMN step_warn_at DATETIME NULL,
	ADD COLUMN clock_start_at DATETIME NULL,
	ADD COLUMN paused_at DATETIME NULL,
	ADD COLUMN paused_minutes INT UNSIGNED NOT NULL DEFAULT 0,
	ADD COLUMN original_due_at DATETIME NULL,
	ADD COLUMN apology_reason VARCHAR(2000) NULL,
	ADD COLUMN signed_at DATETIME NULL,
	ADD COLUMN return_method TINYINT UNSIGNED NULL,
	ADD COLUMN stage_before_pause TINYINT UNSIGNED NULL,
	ADD KEY dossiers_current (current_agency_id, status, step_due_at),
	ADD KEY dossiers_holder (holder_id, status),
	ADD KEY dossiers_agency_due (agency_id, status, due_at);

UPDATE dossiers SET current_agency_id = agency_id WHERE current_agency_id IS NULL;

CREATE TABLE dossier_steps (
	dossier_id	BIGINT UNSIGNED NOT NULL,
	seq		SMALLINT UNSIGNED NOT NULL,
	name		VARCHAR(255) NOT NULL,
	role		ENUM('receiver','specialist','leader') NOT NULL,
	agency_id	INT UNSIGNED NOT NULL,
	minutes		INT UNSIGNED NOT NULL,
	started_at	DATETIME NULL,
	due_at		DATETIME NULL,
	finished_at	DATETIME NULL,
	given_by	BIGINT UNSIGNED NULL,		-- who handed it over
	taken_by	BIGINT UNSIGNED NULL,		-- who worked on it
	outcome		ENUM('early','ontime','late') NULL,
	PRIMARY KEY (dossier_id, seq),
	KEY dossier_steps_agency (agency_id, finished_at),
	CONSTRAINT dossier_steps_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossiers (id)
) ENGINE=InnoDB;

-- Supplement requests (forms 02) with their numbered items and the
-- applicant's answers.
CREATE TABLE supplement_requests (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	dossier_id	BIGINT UNSIGNED NOT NULL,
	stage		ENUM('receipt','processing') NOT NULL,
	requested_at	DATETIME NOT NULL,
	requested_by	BIGINT UNSIGNED NOT NULL,
	items		TEXT NOT NULL,			-- JSON: [{"item","reason"}]
	note		VARCHAR(2000) NULL,
	answered_at	DATETIME NULL,
	KEY supplement_requests_dossier (dossier_id, id),
	CONSTRAINT supplement_requests_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossiers (id)
) ENGINE=InnoDB;

-- Reasons an officer picks from when asking to complete or refusing.
CREATE TABLE reasons (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	kind		ENUM('completion','refusal','late','stop','send_back') NOT NULL,
	text		VARCHAR(500) NOT NULL,
	KEY reasons_kind (kind)
) ENGINE=InnoDB;

INSERT INTO reasons (kind, text) VALUES
	('completion', 'Thiếu giấy tờ theo thành phần hồ sơ'),
	('completion', 'Giấy tờ không rõ, không đọc được'),
	('completion', 'Thông tin trong tờ khai chưa đầy đủ hoặc chưa chính xác'),
	('completion', 'Bản sao chưa được chứng thực'),
	('completion', 'Giấy tờ hết hiệu lực'),
	('refusal', 'Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan'),
	('refusal', 'Người nộp không đủ điều kiện theo quy định'),
	('refusal', 'Hồ sơ giả mạo hoặc có thông tin sai sự thật'),
	('late', 'Cần xác minh thêm thông tin với cơ quan khác'),
	('late', 'Hồ sơ phức tạp, cần thêm thời gian thẩm định'),
	('late', 'Chờ ý kiến của cơ quan phối hợp'),
	('stop', 'Người nộp không bổ sung hồ sơ trong thời hạn'),
	('stop', 'Theo yêu cầu của cơ quan có thẩm quyền'),
	('send_back', 'Cần thẩm định lại'),
	('send_back', 'Kết quả dự thảo chưa đúng');

ALTER TABLE dossier_events
	ADD COLUMN step SMALLINT UNSIGNED NULL,
	ADD COLUMN internal TINYINT(1) NOT NULL DEFAULT 0;
