-- The working-time calendar: the days that differ from "Monday to Friday
-- work, weekends off". 'off' is a day off (a public holiday, a compensatory
-- day, a day off the Government decided; a row on a weekend only names the
-- holiday), 'work' a make-up working day (usually a Saturday). Rows
-- 'computed' are written by `motcua calendar fill` from the Labour Code and
-- the lunar calendar; rows 'admin' are overrides an administrator entered,
-- which the fill never touches. Every process keeps a copy in memory and
-- reloads it when COUNT(*), MAX(updated_at) or the checksum of (day, kind)
-- change (lib/mc_calendar.c), so every write sets updated_at.
CREATE TABLE calendar_days (
	day		DATE NOT NULL PRIMARY KEY,
	kind		ENUM('off','work') NOT NULL,
	name		VARCHAR(255) NOT NULL,
	source		ENUM('computed','admin') NOT NULL,
	updated_at	DATETIME NOT NULL
) ENGINE=InnoDB;
