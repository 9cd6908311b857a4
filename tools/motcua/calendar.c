/*
 * motcua calendar: the working-time calendar from the command line (fill
 * the computed public holidays, list a year, an admin's overrides), and
 * what `motcua seed` puts in it (db/seed/calendar.csv: official schedules).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_calendar.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_util.h"

#include "mc_csv.h"
#include "motcua.h"

#define SEED_FILE	 "calendar.csv"
#define SEED_FILE_MAX	 (1024 * 1024)
#define NAME_MAX_BYTES	 1024
#define SEED_YEARS_BACK	 1
#define SEED_YEARS_AHEAD 5

static const char sql_source[] =
    "SELECT source FROM calendar_days WHERE day = ?";

/* clang-format off */
static const char *const wdays[8] = {
	"", "CN", "T2", "T3", "T4", "T5", "T6", "T7",
};
/* clang-format on */

static int
year_arg(const char *s, long long *year)
{
	if (mc_parse_ll(s, MC_CALENDAR_FIRST_YEAR, MC_CALENDAR_LAST_YEAR,
		year) < 0) {
		fprintf(stderr, "motcua: '%s' is not a year in %d-%d\n", s,
		    MC_CALENDAR_FIRST_YEAR, MC_CALENDAR_LAST_YEAR);
		return -1;
	}
	return 0;
}

static int
fill(struct mc_db *db, long long from, long long to)
{
	struct mc_calendar_counts c;

	if (from > to) {
		fprintf(stderr, "motcua: FROM_YEAR is after TO_YEAR\n");
		return -1;
	}
	if (mc_calendar_fill(db, (int)from, (int)to, &c) < 0) {
		fprintf(stderr,
		    "motcua: calendar fill failed; nothing was "
		    "changed\n");
		return -1;
	}
	printf("calendar %lld-%lld: %zu days off added, %zu updated, %zu "
	       "removed, %zu unchanged, %zu left as an admin set them\n",
	    from, to, c.added, c.changed, c.removed, c.unchanged, c.admin);
	return 0;
}

static int
calendar_fill(struct mc_db *db, int argc, char **argv)
{
	long long from, to;

	if (argc != 2) {
		fprintf(stderr,
		    "usage: motcua calendar fill FROM_YEAR "
		    "TO_YEAR\n");
		return -1;
	}
	if (year_arg(argv[0], &from) < 0 || year_arg(argv[1], &to) < 0)
		return -1;
	return fill(db, from, to);
}

static int
calendar_list(struct mc_db *db, int argc, char **argv)
{
	struct mc_arena *a;
	struct mc_rows	 rows;
	long long	 year, wd;
	size_t		 i;
	int		 rc = -1;

	if (argc != 1) {
		fprintf(stderr, "usage: motcua calendar list YEAR\n");
		return -1;
	}
	if (year_arg(argv[0], &year) < 0)
		return -1;
	if ((a = mc_arena_new(16384)) == NULL)
		return -1;
	if (mc_calendar_list(db, a, (int)year, &rows) < 0) {
		fprintf(stderr,
		    "motcua: cannot read the calendar (was "
		    "`motcua migrate` run?)\n");
		goto out;
	}
	for (i = 0; i < rows.n; i++) {
		wd = mc_rows_int(&rows, i, 5);
		printf("%s %s %-4s %-8s %s\n", mc_rows_str(&rows, i, 0),
		    wd >= 1 && wd <= 7 ? wdays[wd] : "?",
		    mc_rows_str(&rows, i, 1), mc_rows_str(&rows, i, 3),
		    mc_rows_str(&rows, i, 2));
	}
	if (rows.n == 0)
		printf("no days in %lld: `motcua calendar fill %lld %lld` "
		       "computes them\n",
		    year, year, year);
	rc = 0;
out:
	mc_arena_free(a);
	return rc;
}

static int
calendar_set(struct mc_db *db, int argc, char **argv)
{
	struct buf	 name;
	enum mc_day_kind kind;
	int		 y, m, d, i, rc = -1;

	if (argc < 3) {
		fprintf(stderr,
		    "usage: motcua calendar set YYYY-MM-DD "
		    "off|work NAME\n");
		return -1;
	}
	if (mc_calendar_parse_day(argv[0], &y, &m, &d) < 0) {
		fprintf(stderr,
		    "motcua: '%s' is not a day YYYY-MM-DD in "
		    "%d-%d\n",
		    argv[0], MC_CALENDAR_FIRST_YEAR, MC_CALENDAR_LAST_YEAR);
		return -1;
	}
	if ((kind = mc_calendar_kind_parse(argv[1])) == DAY_DEFAULT) {
		fprintf(stderr,
		    "motcua: the kind is 'off' (a day off) or "
		    "'work' (a make-up working day)\n");
		return -1;
	}
	/* The name may come as one argument or as several words. */
	mc_buf_init(&name, NAME_MAX_BYTES);
	for (i = 2; i < argc; i++)
		if ((i > 2 && mc_buf_addc(&name, ' ') < 0) ||
		    mc_buf_adds(&name, argv[i]) < 0) {
			fprintf(stderr, "motcua: the name is too long\n");
			goto out;
		}
	if (mc_calendar_set(db, argv[0], kind, name.s) < 0) {
		fprintf(stderr,
		    "motcua: cannot set %s (the name is one line "
		    "of 1-255 characters)\n",
		    argv[0]);
		goto out;
	}
	printf("%s: %s, %s (admin)\n", argv[0], argv[1], name.s);
	rc = 0;
out:
	mc_buf_free(&name);
	return rc;
}

static int
calendar_unset(struct mc_db *db, int argc, char **argv)
{
	int y, m, d, rc;

	if (argc != 1 || mc_calendar_parse_day(argv[0], &y, &m, &d) < 0) {
		fprintf(stderr, "usage: motcua calendar unset YYYY-MM-DD\n");
		return -1;
	}
	if ((rc = mc_calendar_unset(db, argv[0])) < 0) {
		fprintf(stderr, "motcua: cannot unset %s\n", argv[0]);
		return -1;
	}
	printf(rc ? "%s: admin override removed (the computed day, if any, "
		    "is back)\n" :
		    "%s: had no admin override\n",
	    argv[0]);
	return 0;
}

int
cmd_calendar(struct mc_db *db, int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(struct mc_db *, int, char **);
	} subs[] = {
		{ "fill", calendar_fill },
		{ "list", calendar_list },
		{ "set", calendar_set },
		{ "unset", calendar_unset },
	};
	size_t i;

	for (i = 0; argc > 0 && i < sizeof(subs) / sizeof(subs[0]); i++)
		if (strcmp(argv[0], subs[i].name) == 0)
			return subs[i].fn(db, argc - 1, argv + 1);
	fprintf(stderr,
	    "usage: motcua calendar fill FROM_YEAR TO_YEAR | "
	    "list YEAR |\n\tset YYYY-MM-DD off|work NAME | unset "
	    "YYYY-MM-DD\n");
	return -1;
}

/*
 * One row of calendar.csv (day,kind,name) as an admin row, unless an admin
 * row is there already (an administrator's later edit wins).
 */
static int
seed_row(struct mc_db *db, struct mc_arena *a, const char **f,
    const char *path, size_t line, size_t *added)
{
	struct mc_rows	 rows;
	enum mc_day_kind kind;
	int		 y, m, d;

	kind = mc_calendar_kind_parse(f[1]);
	if (mc_calendar_parse_day(f[0], &y, &m, &d) < 0 ||
	    kind == DAY_DEFAULT || *f[2] == '\0') {
		fprintf(stderr, "motcua: %s:%zu: bad day, kind or name\n",
		    path, line);
		return -1;
	}
	if (mc_db_query(db, a, &rows, sql_source, "s", f[0]) < 0)
		return -1;
	if (rows.n > 0 && strcmp(mc_rows_str(&rows, 0, 0), "admin") == 0)
		return 0;
	if (mc_calendar_set(db, f[0], kind, f[2]) < 0) {
		fprintf(stderr, "motcua: %s:%zu: cannot store %s\n", path,
		    line, f[0]);
		return -1;
	}
	(*added)++;
	return 0;
}

/* The official schedules of seed_dir/calendar.csv as admin rows. */
static int
seed_official(struct mc_db *db)
{
	struct mc_arena *a;
	struct buf	 text;
	struct mc_csv	 csv;
	const char	*f[3];
	char		 path[4096];
	size_t		 added = 0;
	int		 n, header = 1, rc = -1;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s",
		mc_config_get("seed_dir", "db/seed"),
		SEED_FILE) >= sizeof(path))
		return -1;
	if ((a = mc_arena_new(16384)) == NULL)
		return -1;
	mc_buf_init(&text, SEED_FILE_MAX);
	if (motcua_read_file(path, &text) < 0)
		goto out;
	if (!mc_utf8_valid(text.s, text.len)) {
		fprintf(stderr, "motcua: %s: not UTF-8\n", path);
		goto out;
	}
	mc_csv_init(&csv, text.s, text.len);
	while ((n = mc_csv_next(&csv, a, f, 3)) > 0) {
		if (n != 3) {
			fprintf(stderr,
			    "motcua: %s:%zu: %d fields, expected "
			    "3\n",
			    path, csv.line, n);
			goto out;
		}
		if (header) {
			if (strcmp(f[0], "day") != 0 ||
			    strcmp(f[1], "kind") != 0 ||
			    strcmp(f[2], "name") != 0) {
				fprintf(stderr,
				    "motcua: %s: the header is not "
				    "day,kind,name\n",
				    path);
				goto out;
			}
			header = 0;
			continue;
		}
		if (seed_row(db, a, f, path, csv.line, &added) < 0)
			goto out;
		mc_arena_reset(a);
	}
	if (n < 0) {
		fprintf(stderr, "motcua: %s:%zu: malformed CSV\n", path,
		    csv.line);
		goto out;
	}
	printf("calendar: %zu official days from %s\n", added, SEED_FILE);
	rc = 0;
out:
	mc_buf_free(&text);
	mc_arena_free(a);
	return rc;
}

int
motcua_calendar_seed(struct mc_db *db)
{
	struct tm tm;
	time_t	  now = time(NULL);
	long long from, to;

	localtime_r(&now, &tm);
	from = tm.tm_year + 1900 - SEED_YEARS_BACK;
	to = tm.tm_year + 1900 + SEED_YEARS_AHEAD;
	if (from < MC_CALENDAR_FIRST_YEAR)
		from = MC_CALENDAR_FIRST_YEAR;
	if (to > MC_CALENDAR_LAST_YEAR)
		to = MC_CALENDAR_LAST_YEAR;
	if (fill(db, from, to) < 0)
		return -1;
	return seed_official(db);
}
