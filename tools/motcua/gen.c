/*
 * motcua gen: fills the database with years of realistic history (issue
 * 11's data generator) over the procedures and agencies already imported:
 * dossiers with their events, steps, ratings and the statistics summaries
 * they count for, written with multi-row INSERTs in big transactions,
 * deterministic from a seed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_calendar.h"
#include "mc_db.h"
#include "mc_lunar.h"
#include "mc_stats.h"
#include "mc_util.h"

#include "motcua.h"

#define BATCH	     2000      /* dossiers per transaction */
#define FLUSH_BYTES  (1 << 20) /* an INSERT's size before it is sent */
#define BUF_MAX	     (64 << 20)
#define AGG_BITS     22 /* summary entries kept before a flush */
#define SEQ_BITS     22 /* agency-days of code sequences */
#define MAX_ENT	     96 /* a generated dossier's summary entries */
#define STEPS	     4	/* the default workflow (id 1) */
#define SOON_PERCENT 20

/* clang-format off */
static const char sql_procedures[] =
    "SELECT id, COALESCE(agency_id, 0), level_commune, "
    "COALESCE(time_hours, 0), COALESCE(time_days, 0), cutoff_minutes "
    "FROM procedures ORDER BY id";
static const char sql_agencies[] =
    "SELECT id, code, kind, TO_DAYS(valid_from), "
    "COALESCE(TO_DAYS(valid_to), 999999) FROM agencies "
    "WHERE kind IN ('department', 'ward') ORDER BY id";
static const char sql_max_ids[] =
    "SELECT (SELECT COALESCE(MAX(id), 0) FROM dossiers), "
    "(SELECT COALESCE(MAX(id), 0) FROM eval_ratings)";
static const char sql_seqs[] =
    "SELECT agency_id, TO_DAYS(day), last FROM dossier_code_seq";
static const char sql_officers[] =
    "SELECT id, email FROM accounts WHERE email LIKE 'gen.%@gen.motcua.test'";
static const char sql_questionnaire[] =
    "SELECT id FROM eval_questionnaires ORDER BY version DESC LIMIT 1";
static const char sql_session[] =
    "SET SESSION unique_checks = 0, foreign_key_checks = 0;\n";
/* clang-format on */

/* Vietnamese names: family, middle and given names of the applicants. */
static const char *const family[] = { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng",
	"Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
	"Lý" };
static const char *const middle[] = { "Văn", "Thị", "Minh", "Ngọc", "Thanh",
	"Hữu", "Đức", "Thu", "Quốc", "Gia", "Hoài", "Kim" };
static const char *const given[] = { "An", "Bình", "Châu", "Dũng", "Giang",
	"Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Khánh", "Lan", "Linh",
	"Long", "Mai", "Nam", "Nga", "Phúc", "Phương", "Quân", "Sơn", "Tâm",
	"Thảo", "Trang", "Trung", "Tuấn", "Vy", "Yến", "Xuân" };

/* The default workflow's steps: name, role, per mille of the legal time. */
static const struct {
	const char *name, *role;
	int	    share;
} wsteps[STEPS] = {
	{ "Tiếp nhận hồ sơ", "receiver", 63 },
	{ "Thẩm định, xử lý hồ sơ", "specialist", 749 },
	{ "Phê duyệt kết quả", "leader", 125 },
	{ "Trả kết quả", "receiver", 63 },
};

struct proc {
	long long id, agency;
	int	  commune, cutoff;
	long	  minutes; /* legal time in working minutes */
	double	  weight;
};

struct agency {
	long long   id;
	const char *code;
	int	    ward;
	long	    from, to;	/* TO_DAYS of validity */
	long long   officer[3]; /* receiver, specialist, leader */
};

/* One summary amount, as lib/domain/mc_stats counts it. */
struct ent {
	char	  tag; /* C counters, D day, M month, O officer, P procedure
			 list, S step, R remaining */
	int	  day; /* yyyymmdd; 0 for S and R */
	long long k[4];
	long long n;
};

struct agg {
	struct ent *e;
	size_t	    n, cap;
};

struct seqs {
	long long *key;
	int	  *last;
	size_t	   cap;
};

struct out {
	struct buf  b;
	const char *head;
	size_t	    rows;
};

enum { O_DOSSIER, O_EVENT, O_STEP, O_RATING, O_ANSWER, O_MEMO, O__MAX };

static const char *const heads[O__MAX] = {
	[O_DOSSIER] =
	    "INSERT INTO dossiers (id, code, procedure_id, agency_id, "
	    "applicant_name, applicant_id_number, applicant_phone, "
	    "channel, status, form_data, submitted_at, received_at, "
	    "due_at, finished_at, returned_at, updated_at, "
	    "workflow_id, current_step, current_agency_id, "
	    "step_due_at, step_warn_at, clock_start_at, paused_at, "
	    "paused_minutes, original_due_at, apology_reason, "
	    "signed_at, return_method, stage_before_pause, "
	    "counted_agency, counted_status, counted_step, "
	    "counted_colour, counted_list_agency) VALUES ",
	[O_EVENT] = "INSERT INTO dossier_events (dossier_id, at, actor_id, "
		    "action, from_status, to_status, note) VALUES ",
	[O_STEP] = "INSERT INTO dossier_steps (dossier_id, seq, name, role, "
		   "agency_id, minutes, started_at, due_at, finished_at, "
		   "given_by, taken_by, outcome) VALUES ",
	[O_RATING] = "INSERT INTO eval_ratings (id, questionnaire_id, "
		     "dossier_id, channel, agency_id, procedure_id, step_seq, "
		     "officer_id, created_at) VALUES ",
	[O_ANSWER] =
	    "INSERT INTO eval_answers (rating_id, seq, score) VALUES ",
	[O_MEMO] = "INSERT INTO stats_memo (dossier_id, entries) VALUES ",
};

struct gen {
	struct mc_db	*db;
	struct mc_arena *a;
	uint64_t	 rng;
	struct proc	*procs;
	size_t		 nprocs;
	double		*pcum; /* cumulative procedure weights */
	struct agency	*ags;
	size_t		 nags;
	size_t		*wards, nwards, *depts, ndepts;
	long		 day0, ndays; /* TO_DAYS of the first day, how many */
	double		*dcum;	      /* cumulative day weights */
	time_t		 now;
	long long	 next_id, next_rating, questionnaire;
	struct agg	 agg;
	struct seqs	 seq;
	struct out	 out[O__MAX];
	struct ent	 ents[MAX_ENT];
	size_t		 nents;
	long long	 counts[12]; /* by final status */
	long long	 events, steps, ratings;
	double		 t_rows, t_sums; /* seconds spent writing */
};

/* ---- Randomness (xorshift64*, seeded) ---- */

static uint64_t
rnd(struct gen *g)
{
	g->rng ^= g->rng >> 12;
	g->rng ^= g->rng << 25;
	g->rng ^= g->rng >> 27;
	return g->rng * 2685821657736338717ULL;
}

/* Uniform in [0, 1). */
static double
unif(struct gen *g)
{
	return (double)(rnd(g) >> 11) / 9007199254740992.0;
}

static long
range(struct gen *g, long lo, long hi)
{
	return lo + (long)(rnd(g) % (uint64_t)(hi - lo + 1));
}

/* The index whose cumulative weight first exceeds u * total. */
static size_t
pick(const double *cum, size_t n, double u)
{
	size_t lo = 0, hi = n - 1, mid;
	double x = u * cum[n - 1];

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* ---- Days ---- */

/* Noon of the day TO_DAYS d, local time. */
static time_t
day_noon(long d)
{
	struct tm tm;
	int	  y, m, dd;

	/* TO_DAYS('0000-01-01') is 1; the JDN of 1970-01-01 is 2440588. */
	mc_lunar_civil(d - 719528 + 2440588, &y, &m, &dd);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = dd;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static int
ymd(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
	    tm.tm_mday;
}

/* The yyyymmdd after the local day of t (mc_stats' next_day). */
static int
ymd_next(time_t t)
{
	struct tm tm;
	time_t	  x;

	localtime_r(&t, &tm);
	tm.tm_mday += 1;
	tm.tm_hour = 12;
	tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	x = mktime(&tm);
	return ymd(x);
}

/* The weight of a day: growth, working days, month end, the Tết lull. */
static double
day_weight(long d, const long *tet, int year0)
{
	time_t	  t = day_noon(d), x;
	struct tm tm, n;
	double	  w;
	long	  k;
	int	  last;

	localtime_r(&t, &tm);
	w = 1.0;
	for (k = year0; k < tm.tm_year + 1900; k++)
		w *= 1.09; /* the volume grows about 9 % a year */
	if (!mc_calendar_is_workday(t))
		return w * 0.04; /* online only */
	/* The last days of a month are busier, its last two the most. */
	x = t + 2 * 86400;
	localtime_r(&x, &n);
	last = n.tm_mon != tm.tm_mon;
	if (tm.tm_mday >= 26)
		w *= last ? 2.0 : 1.5;
	/* Around Tết: the weeks before slow down, the week after is quiet. */
	for (k = 0; k < 12; k++) {
		if (tet[k] == 0)
			continue;
		if (d >= tet[k] - 14 && d < tet[k])
			w *= 0.7;
		else if (d >= tet[k] && d < tet[k] + 12)
			w *= 0.3;
	}
	return w;
}

/* ---- Output: multi-row INSERTs ---- */

/* Seconds on the monotonic clock. */
static double
now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int
out_flush(struct gen *g, int o)
{
	struct out *u = &g->out[o];
	double	    t0 = now_s();

	if (u->rows == 0)
		return 0;
	if (mc_buf_adds(&u->b, ";\n") < 0 ||
	    mc_db_script(g->db, u->b.s, u->b.len) < 0) {
		fprintf(stderr, "motcua: gen: writing %.40s... failed\n",
		    u->head);
		return -1;
	}
	mc_buf_reset(&u->b);
	u->rows = 0;
	g->t_rows += now_s() - t0;
	return 0;
}

/* Starts a row of table o: "(" after the head or a comma. */
static int
out_row(struct gen *g, int o)
{
	struct out *u = &g->out[o];

	if (u->rows == 0 && mc_buf_adds(&u->b, u->head) < 0)
		return -1;
	if (u->rows > 0 && mc_buf_addc(&u->b, ',') < 0)
		return -1;
	u->rows++;
	return 0;
}

static int
out_flush_all(struct gen *g)
{
	int o;

	for (o = 0; o < O__MAX; o++)
		if (out_flush(g, o) < 0)
			return -1;
	return 0;
}

/* A time as a quoted SQL literal, or NULL when 0. */
static const char *
lit(char out[24], time_t t)
{
	char s[20];

	if (t == 0)
		return "NULL";
	mc_time_sql(s, t);
	snprintf(out, 24, "'%s'", s);
	return out;
}

/* An optional number as SQL: NULL when 0. */
static const char *
num(char out[24], long long v)
{
	if (v == 0)
		return "NULL";
	snprintf(out, 24, "%lld", v);
	return out;
}

/* ---- Summaries ---- */

static uint64_t
ent_hash(const struct ent *e)
{
	uint64_t h = (uint64_t)e->tag * 1000003u ^ (uint64_t)e->day;
	int	 i;

	for (i = 0; i < 4; i++)
		h = (h ^ (uint64_t)e->k[i]) * 0x100000001b3ULL;
	return h ^ (h >> 29);
}

static int
ent_eq(const struct ent *x, const struct ent *y)
{
	return x->tag == y->tag && x->day == y->day && x->k[0] == y->k[0] &&
	    x->k[1] == y->k[1] && x->k[2] == y->k[2] && x->k[3] == y->k[3];
}

static int agg_flush(struct gen *);

static int
agg_add(struct gen *g, const struct ent *e)
{
	struct agg *s = &g->agg;
	size_t	    i;

	if (s->n * 10 > s->cap * 7 && agg_flush(g) < 0)
		return -1;
	i = ent_hash(e) & (s->cap - 1);
	while (s->e[i].tag != 0 && !ent_eq(&s->e[i], e))
		i = (i + 1) & (s->cap - 1);
	if (s->e[i].tag == 0) {
		s->e[i] = *e;
		s->n++;
	} else
		s->e[i].n += e->n;
	return 0;
}

/* An entry's place in its table's primary key, as five numbers. */
static void
ent_pk(const struct ent *e, long long pk[6])
{
	pk[0] = e->tag;
	switch (e->tag) {
	case 'D':
	case 'M': /* agency, metric, day, procedure, channel */
		pk[1] = e->k[0], pk[2] = e->k[3], pk[3] = e->day;
		pk[4] = e->k[1], pk[5] = e->k[2];
		break;
	case 'O': /* officer, metric, day, agency */
		pk[1] = e->k[0], pk[2] = e->k[2], pk[3] = e->day;
		pk[4] = e->k[1], pk[5] = 0;
		break;
	default: /* procedure, agency, seq, bucket */
		pk[1] = e->k[0], pk[2] = e->k[1], pk[3] = e->k[2];
		pk[4] = e->k[3], pk[5] = 0;
	}
}

static int
ent_cmp(const void *x, const void *y)
{
	long long p[6], q[6];
	int	  i;

	ent_pk(x, p);
	ent_pk(y, q);
	for (i = 0; i < 6; i++)
		if (p[i] != q[i])
			return p[i] < q[i] ? -1 : 1;
	return 0;
}

/* One entry as a row of its table's INSERT. */
static int
ent_row(struct buf *b, const struct ent *e)
{
	switch (e->tag) {
	case 'C':
		return mc_buf_addf(b, "(%lld,%lld,%lld,%lld,%lld,0)", e->k[0],
		    e->k[1], e->k[2], e->k[3], e->n);
	case 'P':
		return mc_buf_addf(b, "(%lld,%lld,%lld,0)", e->k[0], e->k[1],
		    e->n);
	case 'D':
	case 'M':
		return mc_buf_addf(b,
		    "('%04d-%02d-%02d',%lld,%lld,%lld,%lld,%lld)",
		    e->day / 10000, e->day / 100 % 100, e->day % 100, e->k[0],
		    e->k[1], e->k[2], e->k[3], e->n);
	case 'O':
		return mc_buf_addf(b, "('%04d-%02d-%02d',%lld,%lld,%lld,%lld)",
		    e->day / 10000, e->day / 100 % 100, e->day % 100, e->k[0],
		    e->k[1], e->k[2], e->n);
	default:
		return mc_buf_addf(b, "(%lld,%lld,%lld,%lld,%lld)", e->k[0],
		    e->k[1], e->k[2], e->k[3], e->n);
	}
}

static int
ins_send(struct gen *g, struct buf *b)
{
	if (mc_buf_adds(b, " ON DUPLICATE KEY UPDATE n = n + VALUES(n);\n") <
		0 ||
	    mc_db_script(g->db, b->s, b->len) < 0)
		return -1;
	mc_buf_reset(b);
	return 0;
}

/*
 * The summaries gathered so far, added to the tables (n = n + ...) in
 * the order of their primary keys: the B-trees fill from left to right.
 */
static int
agg_flush(struct gen *g)
{
	static const char *const ins[] = {
		"INSERT INTO dossier_counters (agency_id, status, step, "
		"colour, n, slot) VALUES ",
		"INSERT INTO stats_day (day, agency_id, procedure_id, channel, "
		"metric, n) VALUES ",
		"INSERT INTO stats_month (month, agency_id, procedure_id, "
		"channel, metric, n) VALUES ",
		"INSERT INTO stats_officer (day, officer_id, agency_id, metric, "
		"n) VALUES ",
		"INSERT INTO stats_remain (procedure_id, agency_id, seq, "
		"bucket, n) VALUES ",
		"INSERT INTO stats_step (procedure_id, agency_id, seq, bucket, "
		"n) VALUES ",
		"INSERT INTO procedure_counters (agency_id, procedure_id, n, "
		"slot) VALUES ",
	};
	static const char tags[] = "CDMORSP";
	struct agg	 *s = &g->agg;
	struct ent	 *v;
	struct buf	  b;
	size_t		  i, nv = 0, rows = 0;
	int		  rc = 0;
	char		  tag = 0;

	double t0 = now_s();

	if ((v = malloc((s->n + 1) * sizeof(*v))) == NULL)
		return -1;
	for (i = 0; i < s->cap; i++)
		if (s->e[i].tag != 0 && s->e[i].n != 0)
			v[nv++] = s->e[i];
	qsort(v, nv, sizeof(*v), ent_cmp);
	mc_buf_init(&b, BUF_MAX);
	for (i = 0; i < nv && rc == 0; i++) {
		if (v[i].tag != tag || b.len > FLUSH_BYTES) {
			if (rows > 0)
				rc = ins_send(g, &b);
			tag = v[i].tag;
			rows = 0;
			rc |= mc_buf_adds(&b, ins[strchr(tags, tag) - tags]);
		} else
			rc |= mc_buf_addc(&b, ',');
		rc |= ent_row(&b, &v[i]);
		rows++;
	}
	if (rc == 0 && rows > 0)
		rc = ins_send(g, &b);
	mc_buf_free(&b);
	free(v);
	if (rc < 0) {
		fprintf(stderr, "motcua: gen: writing the summaries failed\n");
		return -1;
	}
	memset(s->e, 0, s->cap * sizeof(s->e[0]));
	s->n = 0;
	g->t_sums += now_s() - t0;
	return 0;
}

/* A summary entry of the dossier being generated (n 0: none). */
static void
ent(struct gen *g, char tag, int day, long long k0, long long k1, long long k2,
    long long k3, long long n)
{
	struct ent *e;

	if (n == 0 || g->nents == MAX_ENT)
		return;
	e = &g->ents[g->nents++];
	e->tag = tag;
	e->day = day;
	e->k[0] = k0;
	e->k[1] = k1;
	e->k[2] = k2;
	e->k[3] = k3;
	e->n = n;
}

/* ---- Code sequences per agency and day ---- */

static int
seq_next(struct gen *g, long long agency, long day)
{
	struct seqs *s = &g->seq;
	long long    key = agency * 1000000 + day;
	size_t i = ((uint64_t)key * 0x9E3779B97F4A7C15ULL) >> (64 - SEQ_BITS);

	while (s->key[i] != 0 && s->key[i] != key)
		i = (i + 1) & (s->cap - 1);
	s->key[i] = key;
	return ++s->last[i];
}

static int
seq_write(struct gen *g)
{
	struct seqs *s = &g->seq;
	struct buf   b;
	size_t	     i, rows = 0;
	int	     rc = 0;
	const char  *tail = " ON DUPLICATE KEY UPDATE last = "
			    "GREATEST(last, VALUES(last));\n";

	mc_buf_init(&b, BUF_MAX);
	for (i = 0; i < s->cap && rc == 0; i++) {
		if (s->key[i] == 0)
			continue;
		rc |= mc_buf_adds(&b,
		    rows == 0 ?
			"INSERT INTO dossier_code_seq (agency_id, day, last) "
			"VALUES " :
			",");
		rc |= mc_buf_addf(&b, "(%lld,FROM_DAYS(%lld),%d)",
		    s->key[i] / 1000000, s->key[i] % 1000000, s->last[i]);
		rows++;
		if (b.len > FLUSH_BYTES || i + 1 == s->cap) {
			rc |= mc_buf_adds(&b, tail);
			if (rc == 0 && mc_db_script(g->db, b.s, b.len) < 0)
				rc = -1;
			mc_buf_reset(&b);
			rows = 0;
		}
	}
	if (rows > 0 && rc == 0) {
		rc |= mc_buf_adds(&b, tail);
		if (rc == 0 && mc_db_script(g->db, b.s, b.len) < 0)
			rc = -1;
	}
	mc_buf_free(&b);
	return rc < 0 ? -1 : 0;
}

/* ---- One dossier ---- */

/* What happened to a dossier, up to now. */
struct life {
	long long      id;
	struct proc   *p;
	struct agency *ag;
	int	       ch, status, step, stage;
	time_t	       sub, rec, clock, due, orig_due, fin, ret, paused;
	long	       paused_min;
	int	       ret_method;
	time_t	       st_start[STEPS], st_due[STEPS], st_fin[STEPS];
	time_t	       st_clock[STEPS];
	long	       st_min[STEPS];
	time_t	       paid;
};

static int
event(struct gen *g, const struct life *l, time_t at, long long actor,
    const char *action, int from, int to, const char *note)
{
	char t[20], a[24], f[24], n[160];

	mc_time_sql(t, at);
	g->events++;
	if (strcmp(action, "request_supplement") == 0 ||
	    strcmp(action, "request_completion") == 0)
		ent(g, 'D', ymd(at), l->ag->id, l->p->id, l->ch,
		    STM_SUPPLEMENTS, 1);
	else if (strcmp(action, "apology") == 0)
		ent(g, 'D', ymd(at), l->ag->id, l->p->id, l->ch, STM_APOLOGIES,
		    1);
	snprintf(n, sizeof(n), "'%s'", note ? note : "");
	if (out_row(g, O_EVENT) < 0)
		return -1;
	return mc_buf_addf(&g->out[O_EVENT].b, "(%lld,'%s',%s,'%s',%s,%d,%s)",
	    l->id, t, num(a, actor), action, num(f, from), to,
	    note ? n : "NULL");
}

/* The moment `frac` of the way through step i's working time. */
static time_t
within(const struct life *l, int i, double frac)
{
	long m = mc_calendar_work_minutes(l->st_start[i],
	    l->st_fin[i] ? l->st_fin[i] : l->st_due[i]);

	return mc_calendar_add_minutes(l->st_start[i], (long)(m * frac));
}

/*
 * Plays the dossier's life from its submission and stops at now: the
 * state it is in then is its status. Writes its events.
 */
static int
live(struct gen *g, struct life *l)
{
	long	  legal = l->p->minutes;
	long long rcv = l->ag->officer[0], spe = l->ag->officer[1],
		  lea = l->ag->officer[2];
	double f, u = unif(g);
	time_t t, r0;
	int    i, year, cls;
	long   m;
	int    supp = 0, pay = 0, withdraw = 0, stop = 0, stuck = 0;

	year = ymd(l->sub) / 10000;
	if (l->ch == 2 && event(g, l, l->sub, 0, "submit", 0, 1, NULL) < 0)
		return -1;
	l->status = 1;
	/* Online dossiers wait for a receiver: a few working hours. */
	l->rec = l->ch == 2 ?
	    mc_calendar_add_minutes(l->sub, range(g, 20, 600)) :
	    l->sub;
	if (l->ch == 2 && u < 0.04) {
		/* Asked to complete it at receipt (form 02), done later. */
		if (l->rec > g->now)
			return 0;
		if (event(g, l, l->rec, rcv, "request_completion", 1, 5,
			"Bổ sung giấy tờ") < 0)
			return -1;
		l->status = 5;
		l->paused = l->rec;
		t = mc_calendar_add_minutes(l->rec, range(g, 480, 4800));
		if (t > g->now)
			return 0;
		if (event(g, l, t, 0, "supplement", 5, 1, NULL) < 0)
			return -1;
		l->status = 1;
		l->paused = 0;
		l->rec = mc_calendar_add_minutes(t, range(g, 30, 480));
	}
	if (l->rec > g->now)
		return 0;
	u = unif(g);
	if (u < 0.02) { /* refused at receipt (form 03) */
		l->status = 3;
		l->fin = l->rec;
		return event(g, l, l->rec, rcv, "refuse", 1, 3,
		    "Không thuộc thẩm quyền");
	}
	r0 = l->rec;
	l->clock = mc_calendar_start(r0, l->p->cutoff);
	l->due = l->p->minutes > 0 ? mc_calendar_add_minutes(l->clock, legal) :
				     0;
	if (event(g, l, r0, rcv, "accept", 1, 2, NULL) < 0)
		return -1;
	l->status = 2;
	/* How this dossier goes: early, on time or late (better each year). */
	u = unif(g);
	cls = u < 0.50 + 0.025 * (year - 2016) ? 0 :
	    u < 0.86 + 0.008 * (year - 2016)   ? 1 :
						 2;
	f = cls == 0 ? 0.15 + 0.6 * unif(g) :
	    cls == 1 ? 0.92 + 0.07 * unif(g) :
		       1.05 + 1.2 * unif(g);
	u = unif(g);
	supp = u < 0.08;
	pay = unif(g) < 0.3;
	u = unif(g);
	withdraw = u < 0.015;
	stop = !withdraw && u < 0.018 && year >= 2025;
	stuck = !withdraw && !stop && u > 0.9995;
	for (i = 0; i < STEPS; i++) {
		long quota = i + 1 < STEPS ?
		    legal * wsteps[i].share / 1000 :
		    legal - l->st_min[0] - l->st_min[1] - l->st_min[2];

		l->st_min[i] = quota < 0 ? 0 : quota;
	}
	t = r0;
	for (i = 0; i < STEPS; i++) {
		l->step = i + 1;
		l->st_start[i] = t;
		l->st_clock[i] = i == 0 ? l->clock : t;
		l->st_due[i] = mc_calendar_add_minutes(l->st_clock[i],
		    l->st_min[i]);
		m = (long)(l->st_min[i] * f * (0.7 + 0.6 * unif(g)));
		if (i == 3)
			m = (long)(l->st_min[i] * f);
		l->st_fin[i] = mc_calendar_add_minutes(l->st_clock[i], m);
		if (i == 1 && supp) {
			/* A supplement requested (form 02): clock paused. */
			time_t p = within(l, 1, 0.3), back;

			if (p > g->now) {
				l->st_fin[i] = 0;
				return 0;
			}
			if (event(g, l, p, spe, "request_supplement", 4, 5,
				"Bổ sung bản sao") < 0)
				return -1;
			l->status = 5;
			l->stage = 4;
			l->paused = p;
			back = mc_calendar_add_minutes(p, range(g, 480, 6000));
			if (back > g->now) {
				l->st_fin[i] = 0;
				return 0;
			}
			if (event(g, l, back, 0, "supplement", 5, 4, NULL) < 0)
				return -1;
			l->status = 4;
			l->stage = 0;
			l->paused = 0;
			l->paused_min += mc_calendar_work_minutes(p, back);
			l->due = mc_calendar_resume(l->due, p, back);
			l->st_due[i] = mc_calendar_resume(l->st_due[i], p,
			    back);
			l->st_fin[i] = mc_calendar_resume(l->st_fin[i], p,
			    back);
		}
		if (i == 1 && pay) {
			time_t p = within(l, 1, 0.5), q = within(l, 1, 0.6);

			if (p > g->now) {
				l->st_fin[i] = 0;
				return 0;
			}
			if (event(g, l, p, spe, "request_payment", 4, 6,
				"Lệ phí") < 0)
				return -1;
			l->status = 6;
			if (q > g->now) {
				l->st_fin[i] = 0;
				return 0;
			}
			if (event(g, l, q, 0, "confirm_payment", 6, 4, NULL) <
			    0)
				return -1;
			l->status = 4;
			l->paid = q;
		}
		if (i == 1 && (withdraw || stop)) {
			time_t w = within(l, 1, 0.7);

			if (w > g->now) {
				l->st_fin[i] = 0;
				return 0;
			}
			l->st_fin[i] = 0;
			l->status = withdraw ? 7 : 8;
			l->fin = w;
			return event(g, l, w, withdraw ? 0 : lea,
			    withdraw ? "withdraw" : "stop", 4, l->status,
			    withdraw ? NULL : "Dừng xử lý");
		}
		if (i == 1 && stuck) {
			l->st_fin[i] = 0;
			return 0;
		}
		/* Late: an apology (form 04) a day before, a new date. */
		if (i == 1 && cls == 2 && l->due != 0 && unif(g) < 0.8) {
			time_t ap = mc_calendar_add_minutes(l->due, -1) -
			    86400;

			if (ap < l->st_start[1])
				ap = l->st_start[1];
			if (ap > g->now) {
				l->st_fin[i] = 0;
				return 0;
			}
			if (event(g, l, ap, lea, "apology", 4, 4,
				"Hồ sơ phức tạp, cần thêm thời gian") < 0)
				return -1;
			l->orig_due = l->due;
			l->due = mc_calendar_add_minutes(l->due,
			    8 * 60 * range(g, 3, 10));
		}
		if (l->st_fin[i] > g->now) {
			l->st_fin[i] = 0;
			return 0;
		}
		t = l->st_fin[i];
		if (i < 2) {
			if (event(g, l, t, i == 0 ? rcv : spe, "forward",
				l->status, 4, NULL) < 0)
				return -1;
			l->status = 4;
		} else if (i == 2) {
			if (event(g, l, t, lea, "decide", 4, 9, NULL) < 0)
				return -1;
			l->status = 9;
			l->fin = t;
		} else {
			l->ret_method = l->ch == 2 && unif(g) < 0.7 ? 2 :
			    l->ch == 3				    ? 3 :
								      1;
			if (event(g, l, t, rcv, "return", 9, 10, NULL) < 0)
				return -1;
			l->status = 10;
			l->ret = t;
			l->step = 0;
		}
	}
	return 0;
}

/* Its steps as rows, and their officer / step / remaining entries. */
static int
steps_out(struct gen *g, const struct life *l)
{
	char	    a[24], b[24], c[24];
	long long   off, ag = l->ag->id, pr = l->p->id;
	long	    m;
	int	    i, outc;
	const char *oc;

	if (l->rec == 0 || l->st_start[0] == 0)
		return 0;
	for (i = 0; i < STEPS; i++) {
		off = l->ag->officer[i == 1 ? 1 : i == 2 ? 2 : 0];
		oc = NULL;
		outc = 0;
		if (l->st_fin[i] != 0) {
			oc = l->st_fin[i] > l->st_due[i]	   ? "late" :
			    ymd(l->st_fin[i]) != ymd(l->st_due[i]) ? "early" :
								     "ontime";
			outc = oc[0] == 'l' ? STO_LATE :
			    oc[0] == 'e'    ? STO_EARLY :
					      STO_ONTIME;
		}
		if (out_row(g, O_STEP) < 0)
			return -1;
		g->steps++;
		if (mc_buf_addf(&g->out[O_STEP].b,
			"(%lld,%d,'%s','%s',%lld,%ld,%s,%s,%s,NULL,", l->id,
			i + 1, wsteps[i].name, wsteps[i].role, ag,
			l->st_min[i], lit(a, l->st_start[i]),
			l->st_start[i] ? lit(b, l->st_due[i]) : "NULL",
			lit(c, l->st_fin[i])) < 0)
			return -1;
		if ((oc != NULL ?
			    mc_buf_addf(&g->out[O_STEP].b, "%lld,'%s')", off,
				oc) :
			    mc_buf_adds(&g->out[O_STEP].b, "NULL,NULL)")) < 0)
			return -1;
		if (l->st_start[i] == 0 || l->st_fin[i] == 0)
			continue;
		m = mc_calendar_work_minutes(l->st_start[i], l->st_fin[i]);
		ent(g, 'S', 0, pr, ag, i + 1, mc_stats_bucket(m), 1);
		if (l->fin != 0 && (l->status == 9 || l->status == 10) &&
		    l->st_start[i] <= l->fin && l->st_fin[i] <= l->fin)
			ent(g, 'R', 0, pr, ag, i + 1,
			    mc_stats_bucket(mc_calendar_work_minutes(
				l->st_start[i], l->fin)),
			    1);
		ent(g, 'O', ymd(l->st_fin[i]), off, ag, STO_STEPS, 0, 1);
		ent(g, 'O', ymd(l->st_fin[i]), off, ag, outc, 0, 1);
		ent(g, 'O', ymd(l->st_fin[i]), off, ag, STO_MINUTES, 0, m);
	}
	return 0;
}

/* The dossier's own entries (as mc_stats' count_row), then its summaries. */
static int
count(struct gen *g, const struct life *l)
{
	long long ag = l->ag->id, pr = l->p->id, ch = l->ch;
	time_t	  due = l->orig_due ? l->orig_due : l->due, close = 0;
	long	  minutes;
	int	  m = 0, od;
	size_t	  i;

	ent(g, 'D', ymd(l->sub), ag, pr, ch, STM_RECEIVED, 1);
	ent(g, 'D', ymd(l->sub), ag, pr, ch, STM_OPEN, 1);
	if (l->clock != 0)
		ent(g, 'D', ymd(l->rec), ag, pr, ch, STM_ACCEPTED, 1);
	if (l->fin != 0 &&
	    (l->status == 3 || l->status == 7 || l->status == 8)) {
		m = l->status == 3 ? STM_REFUSED :
		    l->status == 7 ? STM_WITHDRAWN :
				     STM_STOPPED;
		ent(g, 'D', ymd(l->fin), ag, pr, ch, m, 1);
		close = l->fin;
	} else if (l->fin != 0 && (l->status == 9 || l->status == 10)) {
		close = l->fin;
		m = STM_ONTIME;
		if (due != 0 && l->fin > due)
			m = STM_LATE;
		else if (due != 0 && ymd(l->fin) < ymd(due))
			m = STM_EARLY;
		ent(g, 'D', ymd(l->fin), ag, pr, ch, m, 1);
		minutes = mc_calendar_work_minutes(l->clock ? l->rec : l->sub,
			      l->fin) -
		    l->paused_min;
		if (minutes < 0)
			minutes = 0;
		ent(g, 'D', ymd(l->fin), ag, pr, ch, STM_MINUTES, minutes);
		ent(g, 'D', ymd(l->fin), ag, pr, ch,
		    STM_HIST + mc_stats_bucket(minutes), 1);
	}
	if (close != 0)
		ent(g, 'D', ymd(close), ag, pr, ch, STM_OPEN, -1);
	if (l->ret != 0 && l->status == 10) {
		ent(g, 'D', ymd(l->ret), ag, pr, ch, STM_RETURNED, 1);
		if (l->ret_method == 2)
			ent(g, 'D', ymd(l->ret), ag, pr, ch,
			    STM_RETURNED_ONLINE, 1);
	}
	if (l->paid != 0) {
		ent(g, 'D', ymd(l->paid), ag, pr, ch, STM_PAID, 1);
		if (ch == 2)
			ent(g, 'D', ymd(l->paid), ag, pr, ch, STM_PAID_ONLINE,
			    1);
	}
	if (due != 0) {
		od = ymd_next(due);
		if (close == 0) {
			if (l->status != 5)
				ent(g, 'D', od, ag, pr, ch, STM_OVERDUE, 1);
		} else if (ymd(close) > od) {
			ent(g, 'D', od, ag, pr, ch, STM_OVERDUE, 1);
			ent(g, 'D', ymd(close), ag, pr, ch, STM_OVERDUE, -1);
		}
	}
	if (steps_out(g, l) < 0)
		return -1;
	for (i = 0; i < g->nents; i++) {
		struct ent e = g->ents[i];

		if (agg_add(g, &e) < 0)
			return -1;
		if (e.tag != 'D')
			continue;
		e.tag = 'M';
		e.day = e.day / 100 * 100 + 1;
		if (agg_add(g, &e) < 0)
			return -1;
	}
	return 0;
}

/* What was counted for an open dossier (stats_memo), for its next move. */
static int
memo(struct gen *g, const struct life *l)
{
	struct buf *b = &g->out[O_MEMO].b;
	size_t	    i;
	int	    rc;

	if (l->status == 3 || l->status == 7 || l->status == 8 ||
	    l->status == 10)
		return 0;
	if (out_row(g, O_MEMO) < 0 || mc_buf_addf(b, "(%lld,'", l->id) < 0)
		return -1;
	for (i = 0; i < g->nents; i++) {
		const struct ent *e = &g->ents[i];

		if (e->day != 0)
			rc = mc_buf_addf(b,
			    "%c %04d-%02d-%02d %lld %lld %lld %lld %lld\\n",
			    e->tag, e->day / 10000, e->day / 100 % 100,
			    e->day % 100, e->k[0], e->k[1], e->k[2], e->k[3],
			    e->n);
		else
			rc = mc_buf_addf(b, "%c - %lld %lld %lld %lld %lld\\n",
			    e->tag, e->k[0], e->k[1], e->k[2], e->k[3], e->n);
		if (rc < 0)
			return -1;
	}
	return mc_buf_adds(b, "')");
}

/* A citizen's rating of a returned dossier (one in three rate). */
static int
rating(struct gen *g, const struct life *l)
{
	time_t	  at;
	char	  t[20];
	long long id;
	int	  s, q, late = l->orig_due != 0 || (l->due && l->fin > l->due);

	if (l->status != 10 || unif(g) > 0.35 || g->questionnaire == 0)
		return 0;
	at = l->ret + range(g, 60, 72000);
	if (at > g->now)
		return 0;
	id = g->next_rating++;
	mc_time_sql(t, at);
	if (out_row(g, O_RATING) < 0 ||
	    mc_buf_addf(&g->out[O_RATING].b,
		"(%lld,%lld,%lld,'%s',%lld,%lld,4,%lld,'%s')", id,
		g->questionnaire, l->id, l->ch == 2 ? "web" : "tablet",
		l->ag->id, l->p->id, l->ag->officer[0], t) < 0)
		return -1;
	g->ratings++;
	for (q = 1; q <= 4; q++) {
		double u = unif(g);

		s = u < (late ? 0.45 : 0.82) ? 2 : u < 0.96 ? 1 : 0;
		if (out_row(g, O_ANSWER) < 0 ||
		    mc_buf_addf(&g->out[O_ANSWER].b, "(%lld,%d,%d)", id, q,
			s) < 0)
			return -1;
	}
	return 0;
}

static int
dossier_row(struct gen *g, const struct life *l, int seq)
{
	char	    c[64], t[12][24], phone[16], idn[16];
	const char *name1 = family[rnd(g) % 16], *name2 = middle[rnd(g) % 12],
		   *name3 = given[rnd(g) % 30];
	int open = l->status == 1 || l->status == 2 || l->status == 4 ||
	    l->status == 5 || l->status == 6 || l->status == 9;
	int	   step = open && l->clock != 0 ? l->step : 0;
	time_t	   sdue = 0, swarn = 0;
	struct tm  tm;
	struct ent cnt;
	char	   cb[64];

	localtime_r(&l->sub, &tm);
	snprintf(c, sizeof(c), "%s-%02d%02d%02d-%04d", l->ag->code,
	    tm.tm_year % 100, tm.tm_mon + 1, tm.tm_mday, seq);
	snprintf(idn, sizeof(idn), "079%09lld",
	    (long long)(rnd(g) % 1000000000ULL));
	snprintf(phone, sizeof(phone), "09%08lld",
	    (long long)(rnd(g) % 100000000ULL));
	if (step != 0) {
		sdue = l->st_due[step - 1];
		swarn = mc_calendar_add_minutes(l->st_clock[step - 1],
		    l->st_min[step - 1] * (100 - SOON_PERCENT) / 100);
	}
	/* The bucket of the open dossiers' counters (mc_counters). */
	memset(&cnt, 0, sizeof(cnt));
	cnt.tag = 'C';
	cnt.n = 1;
	cnt.k[0] = l->ag->id;
	cnt.k[1] = l->status;
	cnt.k[2] = step;
	if (step != 0 && l->status != 5)
		cnt.k[3] = sdue < g->now ? 3 : swarn <= g->now ? 2 : 1;
	if (open) {
		snprintf(cb, sizeof(cb), "%lld,%lld,%lld,%lld", cnt.k[0],
		    cnt.k[1], cnt.k[2], cnt.k[3]);
		if (agg_add(g, &cnt) < 0)
			return -1;
	} else
		snprintf(cb, sizeof(cb), "NULL,0,0,0");
	/* Its procedure in the agency's list, open or closed (the same). */
	memset(&cnt, 0, sizeof(cnt));
	cnt.tag = 'P';
	cnt.n = 1;
	cnt.k[0] = l->ag->id;
	cnt.k[1] = l->p->id;
	if (agg_add(g, &cnt) < 0)
		return -1;
	if (out_row(g, O_DOSSIER) < 0)
		return -1;
	return mc_buf_addf(&g->out[O_DOSSIER].b,
	    "(%lld,'%s',%lld,%lld,'%s %s %s','%s','%s',%d,%d,'{}',%s,%s,%s,"
	    "%s,%s,%s,1,%s,%lld,%s,%s,%s,%s,%ld,%s,%s,NULL,%s,%s,%s,%lld)",
	    l->id, c, l->p->id, l->ag->id, name1, name2, name3, idn, phone,
	    l->ch, l->status, lit(t[0], l->sub),
	    l->clock ? lit(t[1], l->rec) : "NULL", lit(t[2], l->due),
	    lit(t[3], l->fin), lit(t[4], l->ret),
	    lit(t[5],
		l->ret	   ? l->ret :
		    l->fin ? l->fin :
			     l->sub),
	    num(t[6], step), l->ag->id, lit(t[7], sdue), lit(t[8], swarn),
	    lit(t[9], l->clock),
	    l->status == 5 ? lit(t[10], l->paused) : "NULL", l->paused_min,
	    lit(t[11], l->orig_due),
	    l->orig_due ? "'Hồ sơ phức tạp, cần thêm thời gian'" : "NULL",
	    l->ret_method ? (l->ret_method == 2	       ? "2" :
				    l->ret_method == 3 ? "3" :
							 "1") :
			    "NULL",
	    l->status == 5 ? (l->stage ? "4" : "1") : "NULL", cb, l->ag->id);
}

/* One dossier submitted at sub: lived up to now, written, counted. */
static int
one(struct gen *g, time_t sub, int ch, long day)
{
	struct life l;
	size_t	    k, tries;

	memset(&l, 0, sizeof(l));
	g->nents = 0;
	l.id = g->next_id++;
	l.sub = sub;
	l.ch = ch;
	l.p = &g->procs[pick(g->pcum, g->nprocs, unif(g))];
	l.ag = NULL;
	if (!l.p->commune && l.p->agency != 0)
		for (k = 0; k < g->ndepts && l.ag == NULL; k++)
			if (g->ags[g->depts[k]].id == l.p->agency)
				l.ag = &g->ags[g->depts[k]];
	if (l.ag == NULL && l.p->commune && g->nwards > 0)
		/* A ward in force that day (312 before 1 July 2025, 168 since). */
		for (tries = 0; tries < 200 && l.ag == NULL; tries++) {
			struct agency
			    *w = &g->ags[g->wards[rnd(g) % g->nwards]];

			if (w->from <= day && day <= w->to)
				l.ag = w;
		}
	if (l.ag == NULL)
		l.ag = &g->ags[g->depts[rnd(g) % g->ndepts]];
	if (live(g, &l) < 0 ||
	    dossier_row(g, &l, seq_next(g, l.ag->id, day)) < 0 ||
	    count(g, &l) < 0 || memo(g, &l) < 0 || rating(g, &l) < 0)
		return -1;
	g->counts[l.status]++;
	return 0;
}

static int
load_procs(struct gen *g)
{
	struct mc_rows r;
	size_t	       i, j;
	double	       sum = 0;

	if (mc_db_query(g->db, g->a, &r, sql_procedures, "") < 0)
		return -1;
	if (r.n == 0) {
		fprintf(stderr,
		    "motcua: gen: no procedures (run "
		    "import-catalogue first)\n");
		return -1;
	}
	g->nprocs = r.n;
	g->procs = calloc(r.n, sizeof(*g->procs));
	g->pcum = calloc(r.n, sizeof(*g->pcum));
	if (g->procs == NULL || g->pcum == NULL)
		return -1;
	for (i = 0; i < r.n; i++) {
		struct proc *p = &g->procs[i];

		p->id = mc_rows_int(&r, i, 0);
		p->agency = mc_rows_int(&r, i, 1);
		p->commune = (int)mc_rows_int(&r, i, 2);
		p->minutes = mc_rows_int(&r, i, 3) > 0 ?
		    (long)mc_rows_int(&r, i, 3) * 60 :
		    mc_rows_int(&r, i, 4) > 0 ?
		    (long)mc_rows_int(&r, i, 4) * 480 :
		    5 * 480;
		if (p->minutes > 90 * 480)
			p->minutes = 90 * 480;
		p->cutoff = (int)mc_rows_int(&r, i, 5);
	}
	/* Popularity: Zipf over a shuffled rank; commune ones more asked. */
	for (i = 0; i < r.n; i++) {
		j = i + (size_t)(rnd(g) % (r.n - i));
		{
			struct proc t = g->procs[i];

			g->procs[i] = g->procs[j];
			g->procs[j] = t;
		}
	}
	for (i = 0; i < r.n; i++) {
		g->procs[i].weight = 1.0 / ((double)i + 3.0) *
		    (g->procs[i].commune ? 3.0 : 1.0);
		sum += g->procs[i].weight;
		g->pcum[i] = sum;
	}
	return 0;
}

/* Three officers per agency (receiver, specialist, leader), made once. */
static int
load_agencies(struct gen *g)
{
	static const char *const roles[3] = { "receiver", "specialist",
		"leader" };
	struct mc_rows		 r, o;
	struct buf		 b;
	size_t			 i, k;
	int			 rc = 0;

	if (mc_db_query(g->db, g->a, &r, sql_agencies, "") < 0)
		return -1;
	g->nags = r.n;
	g->ags = calloc(r.n + 1, sizeof(*g->ags));
	g->wards = calloc(r.n + 1, sizeof(size_t));
	g->depts = calloc(r.n + 1, sizeof(size_t));
	if (g->ags == NULL || g->wards == NULL || g->depts == NULL)
		return -1;
	for (i = 0; i < r.n; i++) {
		struct agency *a = &g->ags[i];

		a->id = mc_rows_int(&r, i, 0);
		a->code = mc_rows_str(&r, i, 1);
		a->ward = strcmp(mc_rows_str(&r, i, 2), "ward") == 0;
		a->from = (long)mc_rows_int(&r, i, 3);
		a->to = (long)mc_rows_int(&r, i, 4);
		if (a->ward)
			g->wards[g->nwards++] = i;
		else
			g->depts[g->ndepts++] = i;
	}
	if (g->ndepts == 0) {
		fprintf(stderr, "motcua: gen: no departments (run seed)\n");
		return -1;
	}
	mc_buf_init(&b, BUF_MAX);
	rc |= mc_buf_adds(&b,
	    "INSERT IGNORE INTO accounts (email, full_name, "
	    "password_hash, created_at) VALUES ");
	for (i = 0; i < r.n; i++)
		for (k = 0; k < 3; k++)
			rc |= mc_buf_addf(&b,
			    "%s('gen.%s.%lld@gen.motcua.test',"
			    "'Cán bộ %s %lld','!',NOW())",
			    i + k > 0 ? "," : "", roles[k], g->ags[i].id,
			    roles[k], g->ags[i].id);
	rc |= mc_buf_adds(&b,
	    ";\nINSERT IGNORE INTO account_roles (account_id, role, agency_id) "
	    "SELECT id, SUBSTRING_INDEX(SUBSTRING_INDEX(email, '.', 2), '.', "
	    "-1), SUBSTRING_INDEX(SUBSTRING_INDEX(email, '.', 3), '.', -1) "
	    "FROM accounts WHERE email LIKE 'gen.%@gen.motcua.test';\n");
	if (rc < 0 || mc_db_script(g->db, b.s, b.len) < 0) {
		mc_buf_free(&b);
		return -1;
	}
	mc_buf_free(&b);
	if (mc_db_query(g->db, g->a, &o, sql_officers, "") < 0)
		return -1;
	for (i = 0; i < o.n; i++) {
		char	  role[16];
		long long ag;

		if (sscanf(mc_rows_str(&o, i, 1), "gen.%15[a-z].%lld@", role,
			&ag) != 2)
			continue;
		for (k = 0; k < g->nags; k++)
			if (g->ags[k].id == ag)
				g->ags[k].officer[role[0] == 'r' ? 0 :
					role[0] == 's'		 ? 1 :
							 2] = mc_rows_int(&o,
				    i, 0);
	}
	return 0;
}

static int
load_rest(struct gen *g)
{
	struct mc_rows r;
	size_t	       i;

	if (mc_db_query(g->db, g->a, &r, sql_max_ids, "") < 0)
		return -1;
	g->next_id = mc_rows_int(&r, 0, 0) + 1;
	g->next_rating = mc_rows_int(&r, 0, 1) + 1;
	if (mc_db_query(g->db, g->a, &r, sql_questionnaire, "") < 0)
		return -1;
	g->questionnaire = r.n ? mc_rows_int(&r, 0, 0) : 0;
	if (mc_db_query(g->db, g->a, &r, sql_seqs, "") < 0)
		return -1;
	for (i = 0; i < r.n; i++) {
		long long ag = mc_rows_int(&r, i, 0);
		long	  d = (long)mc_rows_int(&r, i, 1);
		int	  last = (int)mc_rows_int(&r, i, 2);

		while (seq_next(g, ag, d) < last)
			;
	}
	return 0;
}

static int
batch_commit(struct gen *g)
{
	if (mc_db_begin(g->db) < 0)
		return -1;
	if (out_flush_all(g) < 0) {
		mc_db_rollback(g->db);
		return -1;
	}
	return mc_db_commit(g->db);
}

static int
run(struct gen *g, long long n, const char *until, int years)
{
	long	  d, dlast, *per, tet[12];
	long long i, done = 0;
	int	  y, m, dd, y0, k;
	time_t	  base;

	if (mc_calendar_parse_day(until, &y, &m, &dd) < 0) {
		fprintf(stderr, "motcua: gen: --until YYYY-MM-DD\n");
		return -1;
	}
	dlast = mc_lunar_jdn(y, m, dd) - 2440588 + 719528 - 1;
	g->day0 = mc_lunar_jdn(y - years, m, dd) - 2440588 + 719528;
	g->ndays = dlast - g->day0 + 1;
	y0 = y - years;
	/* Working time over the whole period: the computed holidays. */
	if (mc_calendar_fill(g->db, y0, y + 1, NULL) < 0)
		return -1;
	mc_calendar_reset();
	if (mc_calendar_load(g->db) < 0)
		return -1;
	for (k = 0; k < 12; k++) {
		struct mc_lunar l = { 1, 1, y0 + k, 0 };
		int		ty, tm, td;

		tet[k] = 0;
		if (mc_lunar_to_solar(&l, &ty, &tm, &td) == 0)
			tet[k] = mc_lunar_jdn(ty, tm, td) - 2440588 + 719528;
	}
	g->dcum = calloc((size_t)g->ndays, sizeof(double));
	per = calloc((size_t)g->ndays, sizeof(long));
	if (g->dcum == NULL || per == NULL)
		return -1;
	for (d = 0; d < g->ndays; d++)
		g->dcum[d] = (d ? g->dcum[d - 1] : 0) +
		    day_weight(g->day0 + d, tet, y0);
	for (i = 0; i < n; i++)
		per[pick(g->dcum, (size_t)g->ndays, unif(g))]++;
	for (d = 0; d < g->ndays; d++) {
		int    work, year;
		double online;

		base = day_noon(g->day0 + d) - 12 * 3600;
		work = mc_calendar_is_workday(base + 12 * 3600);
		year = ymd(base + 12 * 3600) / 10000;
		online = 0.05 + 0.06 * (year - 2016);
		if (online > 0.7)
			online = 0.7;
		for (i = 0; i < per[d]; i++) {
			double u = unif(g);
			int    ch = !work || u < online ? 2 :
			       u < online + 0.03	? 3 :
							  1;
			time_t sub = ch == 2 ?
			    base + range(g, 6 * 3600, 23 * 3600) :
			    mc_calendar_add_minutes(base, range(g, 0, 479));

			if (one(g, sub, ch, g->day0 + d) < 0)
				goto fail;
			if (++done % BATCH == 0 && batch_commit(g) < 0)
				goto fail;
		}
	}
	if (batch_commit(g) < 0 || agg_flush(g) < 0 || seq_write(g) < 0)
		goto fail;
	free(per);
	return 0;
fail:
	free(per);
	return -1;
}

int
cmd_gen(struct mc_db *db, int argc, char **argv)
{
	struct motcua_opt opts[] = {
		{ "dossiers", 1, NULL },
		{ "seed", 1, NULL },
		{ "years", 1, NULL },
		{ "until", 1, NULL },
	};
	struct gen g;
	double	   t0, secs;
	char	   today[11];
	long long  n, seed = 1, years = 10;
	int	   o, rc = -1;
	struct tm  tm;

	if (motcua_opts(argc, argv, opts, 4) < 0 || opts[0].value == NULL ||
	    mc_parse_ll(opts[0].value, 1, 100000000, &n) < 0 ||
	    (opts[1].value &&
		mc_parse_ll(opts[1].value, 1, 1LL << 62, &seed) < 0) ||
	    (opts[2].value && mc_parse_ll(opts[2].value, 1, 30, &years) < 0)) {
		fprintf(stderr,
		    "usage: motcua gen --dossiers N [--seed S] "
		    "[--years Y] [--until YYYY-MM-DD]\n");
		return -1;
	}
	memset(&g, 0, sizeof(g));
	g.db = db;
	g.rng = (uint64_t)seed * 0x9E3779B97F4A7C15ULL | 1;
	g.now = time(NULL);
	localtime_r(&g.now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	t0 = now_s();
	if ((g.a = mc_arena_new(1 << 22)) == NULL)
		return -1;
	g.agg.cap = (size_t)1 << AGG_BITS;
	g.agg.e = calloc(g.agg.cap, sizeof(struct ent));
	g.seq.cap = (size_t)1 << SEQ_BITS;
	g.seq.key = calloc(g.seq.cap, sizeof(long long));
	g.seq.last = calloc(g.seq.cap, sizeof(int));
	for (o = 0; o < O__MAX; o++) {
		mc_buf_init(&g.out[o].b, BUF_MAX);
		g.out[o].head = heads[o];
	}
	if (g.agg.e == NULL || g.seq.key == NULL || g.seq.last == NULL)
		goto out;
	if (mc_db_script(db, sql_session, strlen(sql_session)) < 0 ||
	    load_procs(&g) < 0 || load_agencies(&g) < 0 || load_rest(&g) < 0)
		goto out;
	if (run(&g, n, opts[3].value ? opts[3].value : today, (int)years) < 0)
		goto out;
	/* The stocks at each month's start, over the history written. */
	mc_arena_reset(g.a);
	if (mc_stats_open_reset(db) < 0 ||
	    mc_stats_close_months(db, g.a, g.now, 0) < 0) {
		fprintf(stderr, "motcua: gen: the month balances failed\n");
		goto out;
	}
	/* The satisfaction's summaries, of its ratings and those before. */
	if (mc_stats_ratings_rebuild(db) < 0) {
		fprintf(stderr,
		    "motcua: gen: the ratings' summaries failed\n");
		goto out;
	}
	secs = now_s() - t0;
	printf("gen: %lld dossiers in %.1f s (%.0f a second): %lld events, "
	       "%lld steps, %lld ratings; open %lld, returned %lld, "
	       "decided %lld, refused %lld, withdrawn %lld, stopped %lld\n",
	    n, secs, (double)n / (secs > 0 ? secs : 1), g.events, g.steps,
	    g.ratings,
	    g.counts[1] + g.counts[2] + g.counts[4] + g.counts[5] +
		g.counts[6],
	    g.counts[10], g.counts[9], g.counts[3], g.counts[7], g.counts[8]);
	printf("gen: %.1f s writing rows, %.1f s adding to the summaries\n",
	    g.t_rows, g.t_sums);
	rc = 0;
out:
	for (o = 0; o < O__MAX; o++)
		mc_buf_free(&g.out[o].b);
	free(g.agg.e);
	free(g.seq.key);
	free(g.seq.last);
	free(g.procs);
	free(g.pcum);
	free(g.ags);
	free(g.wards);
	free(g.depts);
	free(g.dcum);
	mc_arena_free(g.a);
	return rc;
}
