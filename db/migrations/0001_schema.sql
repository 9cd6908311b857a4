-- Schema v1: agencies, catalogue, accounts, sessions, dossiers, events,
-- attachments. Sized for ten years of the city's volume: every page view and
-- API call is served by one of the indexes below, never by a scan.
-- Statements are separated by a line ending in ';'.

CREATE TABLE agencies (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	code		VARCHAR(32) NOT NULL,		-- QCVN 102 identifier, e.g. 000.00.16.H29
	gso_code	VARCHAR(8) NULL,		-- administrative unit code (wards)
	kind		ENUM('city','department','ward','unit','other') NOT NULL,
	name		VARCHAR(255) NOT NULL,
	name_en		VARCHAR(255) NULL,
	parent_id	INT UNSIGNED NULL,
	successor_id	INT UNSIGNED NULL,
	address		VARCHAR(500) NULL,
	phone		VARCHAR(40) NULL,
	valid_from	DATE NOT NULL,
	valid_to	DATE NULL,
	UNIQUE KEY agencies_code (code),
	KEY agencies_parent (parent_id),
	KEY agencies_kind (kind, name),
	CONSTRAINT agencies_parent_fk FOREIGN KEY (parent_id) REFERENCES agencies (id),
	CONSTRAINT agencies_successor_fk FOREIGN KEY (successor_id) REFERENCES agencies (id)
) ENGINE=InnoDB;

CREATE TABLE fields (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	slug		VARCHAR(190) NOT NULL,
	name		VARCHAR(255) NOT NULL,
	name_en		VARCHAR(255) NULL,
	UNIQUE KEY fields_slug (slug)
) ENGINE=InnoDB;

-- Which department receives a ministry's procedures at province level.
CREATE TABLE ministry_agencies (
	ministry	VARCHAR(64) NOT NULL PRIMARY KEY,
	agency_id	INT UNSIGNED NOT NULL,
	CONSTRAINT ministry_agencies_agency_fk FOREIGN KEY (agency_id) REFERENCES agencies (id)
) ENGINE=InnoDB;

CREATE TABLE procedures (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	code		VARCHAR(40) NOT NULL,		-- national code, e.g. 1.000894
	name		VARCHAR(1000) NOT NULL,
	search_text	TEXT NOT NULL,			-- code + name folded to ASCII
	field_id	INT UNSIGNED NOT NULL,
	ministry	VARCHAR(64) NULL,
	level_province	TINYINT(1) NOT NULL DEFAULT 0,
	level_commune	TINYINT(1) NOT NULL DEFAULT 0,
	agency_id	INT UNSIGNED NULL,		-- receiving department at province level
	procedure_type	VARCHAR(255) NULL,
	decision_no	VARCHAR(255) NULL,
	implementing	TEXT NULL,
	competent	TEXT NULL,
	subjects	TEXT NULL,
	steps_text	MEDIUMTEXT NULL,
	conditions_text	MEDIUMTEXT NULL,
	result_text	TEXT NULL,
	online		TINYINT(1) NOT NULL DEFAULT 0,
	service_level	ENUM('full','partial') NULL,
	source_url	VARCHAR(500) NULL,
	time_hours	INT UNSIGNED NULL,		-- legal time in working hours (8 a day)
	time_days	INT UNSIGNED NULL,		-- or in calendar days
	content_hash	CHAR(64) NOT NULL,
	version		INT UNSIGNED NOT NULL DEFAULT 1,
	updated_at	DATETIME NOT NULL,
	UNIQUE KEY procedures_code (code),
	KEY procedures_field (field_id, name(100)),
	KEY procedures_agency (agency_id),
	KEY procedures_updated (updated_at),
	FULLTEXT KEY procedures_search (search_text),
	CONSTRAINT procedures_field_fk FOREIGN KEY (field_id) REFERENCES fields (id),
	CONSTRAINT procedures_agency_fk FOREIGN KEY (agency_id) REFERENCES agencies (id)
) ENGINE=InnoDB;

CREATE TABLE procedure_channels (
	procedure_id	INT UNSIGNED NOT NULL,
	seq		SMALLINT UNSIGNED NOT NULL,
	channel		TINYINT UNSIGNED NOT NULL,	-- 1 in person, 2 online, 3 post
	time_text	VARCHAR(500) NOT NULL,
	time_hours	INT UNSIGNED NULL,
	time_days	INT UNSIGNED NULL,
	fee_text	VARCHAR(1000) NOT NULL,
	fee_description	TEXT NULL,
	PRIMARY KEY (procedure_id, seq),
	CONSTRAINT procedure_channels_fk FOREIGN KEY (procedure_id) REFERENCES procedures (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE procedure_documents (
	procedure_id	INT UNSIGNED NOT NULL,
	seq		SMALLINT UNSIGNED NOT NULL,
	group_name	VARCHAR(1000) NULL,
	name		TEXT NOT NULL,
	originals	SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	copies		SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	has_template	TINYINT(1) NOT NULL DEFAULT 0,
	PRIMARY KEY (procedure_id, seq),
	CONSTRAINT procedure_documents_fk FOREIGN KEY (procedure_id) REFERENCES procedures (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE procedure_legal (
	procedure_id	INT UNSIGNED NOT NULL,
	seq		SMALLINT UNSIGNED NOT NULL,
	doc_number	VARCHAR(255) NULL,
	title		TEXT NOT NULL,
	PRIMARY KEY (procedure_id, seq),
	CONSTRAINT procedure_legal_fk FOREIGN KEY (procedure_id) REFERENCES procedures (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE accounts (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	email		VARCHAR(254) NULL,
	id_number	VARCHAR(12) NULL,		-- citizen ID (CCCD), 12 digits
	full_name	VARCHAR(255) NOT NULL,
	phone		VARCHAR(20) NULL,
	address		VARCHAR(500) NULL,
	password_hash	VARCHAR(255) NOT NULL,
	disabled	TINYINT(1) NOT NULL DEFAULT 0,
	created_at	DATETIME NOT NULL,
	UNIQUE KEY accounts_email (email),
	UNIQUE KEY accounts_id_number (id_number)
) ENGINE=InnoDB;

CREATE TABLE account_roles (
	account_id	BIGINT UNSIGNED NOT NULL,
	role		ENUM('citizen','receiver','specialist','leader','admin') NOT NULL,
	agency_id	INT UNSIGNED NOT NULL DEFAULT 0,	-- 0: no agency (citizens)
	PRIMARY KEY (account_id, role, agency_id),
	KEY account_roles_agency (agency_id, role),
	CONSTRAINT account_roles_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE sessions (
	token_hash	BINARY(32) NOT NULL PRIMARY KEY,	-- SHA-256 of the cookie
	account_id	BIGINT UNSIGNED NOT NULL,
	created_at	DATETIME NOT NULL,
	expires_at	DATETIME NOT NULL,
	KEY sessions_account (account_id),
	KEY sessions_expires (expires_at),
	CONSTRAINT sessions_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE api_tokens (
	token_hash	BINARY(32) NOT NULL PRIMARY KEY,
	account_id	BIGINT UNSIGNED NOT NULL,
	created_at	DATETIME NOT NULL,
	expires_at	DATETIME NULL,
	KEY api_tokens_account (account_id),
	CONSTRAINT api_tokens_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- One row per receiving agency and day: the last sequence number issued.
CREATE TABLE dossier_code_seq (
	agency_id	INT UNSIGNED NOT NULL,
	day		DATE NOT NULL,
	last		INT UNSIGNED NOT NULL,
	PRIMARY KEY (agency_id, day)
) ENGINE=InnoDB;

CREATE TABLE dossiers (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	code		VARCHAR(48) NOT NULL,
	procedure_id	INT UNSIGNED NOT NULL,
	agency_id	INT UNSIGNED NOT NULL,		-- receiving agency
	account_id	BIGINT UNSIGNED NULL,		-- the applicant's account, if any
	applicant_name	VARCHAR(255) NOT NULL,
	applicant_id_number VARCHAR(12) NOT NULL,
	applicant_phone	VARCHAR(20) NULL,
	applicant_email	VARCHAR(254) NULL,
	applicant_address VARCHAR(500) NULL,
	channel		TINYINT UNSIGNED NOT NULL,	-- 1 in person, 2 online, 3 post
	status		TINYINT UNSIGNED NOT NULL,	-- national status code 1-10
	form_data	MEDIUMTEXT NOT NULL,		-- JSON of the form fields
	submitted_at	DATETIME NOT NULL,
	received_at	DATETIME NULL,
	due_at		DATETIME NULL,
	finished_at	DATETIME NULL,
	returned_at	DATETIME NULL,
	version		INT UNSIGNED NOT NULL DEFAULT 1,
	updated_at	DATETIME NOT NULL,
	UNIQUE KEY dossiers_code (code),
	KEY dossiers_inbox (agency_id, status, submitted_at),
	KEY dossiers_account (account_id, submitted_at),
	KEY dossiers_id_number (applicant_id_number),
	KEY dossiers_procedure (procedure_id, submitted_at),
	CONSTRAINT dossiers_procedure_fk FOREIGN KEY (procedure_id) REFERENCES procedures (id),
	CONSTRAINT dossiers_agency_fk FOREIGN KEY (agency_id) REFERENCES agencies (id),
	CONSTRAINT dossiers_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB;

-- Append-only trail: the current state on the dossier row is its projection.
CREATE TABLE dossier_events (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	dossier_id	BIGINT UNSIGNED NOT NULL,
	at		DATETIME(3) NOT NULL,
	actor_id	BIGINT UNSIGNED NULL,
	action		VARCHAR(32) NOT NULL,
	from_status	TINYINT UNSIGNED NULL,
	to_status	TINYINT UNSIGNED NOT NULL,
	note		VARCHAR(2000) NULL,
	KEY dossier_events_dossier (dossier_id, id),
	CONSTRAINT dossier_events_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossiers (id),
	CONSTRAINT dossier_events_actor_fk FOREIGN KEY (actor_id) REFERENCES accounts (id)
) ENGINE=InnoDB;

-- Content-addressed blobs: the file lives at files_dir/ab/cd/<sha256>.
CREATE TABLE attachments (
	sha256		CHAR(64) NOT NULL PRIMARY KEY,
	size		BIGINT UNSIGNED NOT NULL,
	mime		VARCHAR(100) NOT NULL,
	created_at	DATETIME NOT NULL
) ENGINE=InnoDB;

CREATE TABLE dossier_files (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	dossier_id	BIGINT UNSIGNED NOT NULL,
	sha256		CHAR(64) NOT NULL,
	filename	VARCHAR(255) NOT NULL,
	uploaded_at	DATETIME NOT NULL,
	uploaded_by	BIGINT UNSIGNED NULL,
	KEY dossier_files_dossier (dossier_id),
	CONSTRAINT dossier_files_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossiers (id),
	CONSTRAINT dossier_files_blob_fk FOREIGN KEY (sha256) REFERENCES attachments (sha256)
) ENGINE=InnoDB;
