/*
 * worker: the outbox daemon (not FastCGI). One process that claims due
 * e-mail and SMS rows one at a time (each with its own token and deadline:
 * two workers never send one row at once), delivers them with libcurl
 * (SMTP; an HTTP gateway for SMS, with the row as idempotency key), records
 * each outcome and retries failures with backoff, until SIGTERM. Once a
 * minute it also tells officers of dossiers they hold that turned yellow or
 * red, and citizens of drafts about to expire (expired drafts are
 * deleted). It runs the site builds webmasters queue, in a child process
 * (build.c), and the export jobs officers queue, each built by `office -x`
 * in a child (exports.c). Of all the nodes' workers, the holder of the
 * lease works.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_config.h"
#include "mc_counters.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_eform.h"
#include "mc_lease.h"
#include "mc_log.h"
#include "mc_outbox.h"
#include "mc_search.h"
#include "mc_stats.h"

#include "worker.h"

#define MESSAGE_MAX   (512 * 1024)
#define REPLY_MAX     2048
#define ERR_MAX	      400
#define CHORES_EVERY  60  /* seconds: stuck rows, colour notices */
#define DUE_MAX	      500 /* colour notices of each kind a round */
#define COUNTS_EVERY  5	  /* seconds: colours turned by the clock */
#define COUNTS_BATCH  500 /* dossiers moved in one transaction */
#define COUNTS_ROUNDS 200 /* transactions a pass at most */
#define DB_RETRY_MS   2000
#define STANDBY_MS    1000 /* a worker without the lease asks this often */
#define REQUEUE_EVERY 2	   /* seconds: rows whose attempt ended unrecorded */
#define RECORD_TRIES  60   /* a delivery's outcome, once a DB_RETRY_MS */

enum outcome {
	OUT_SENT,
	OUT_RETRY,     /* try again later */
	OUT_PERMANENT, /* no later try can succeed */
	OUT_STOPPED    /* interrupted by SIGTERM: not an attempt */
};

struct settings {
	const char *smtp_url;
	const char *smtp_from;
	const char *smtp_from_name;
	const char *smtp_user;
	const char *smtp_password;
	long	    smtp_tls; /* CURLUSESSL_* */
	const char *sms_url;
	const char *sms_token;
	long	    backoff; /* seconds before the first retry */
	long	    backoff_max;
	long	    poll_ms;
	long	    stuck_minutes;
	long	    timeout; /* seconds per delivery */
	int	    max_attempts;
	size_t	    batch;
};

/* The buffers of one delivery, kept for the process. */
struct io {
	CURL	   *curl;
	struct buf  msg;
	struct buf  reply;
	char	    curl_err[CURL_ERROR_SIZE];
	const char *upload; /* the rest of msg to send */
	size_t	    left;
};

static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

/* Sleeps ms milliseconds, or less when a signal arrives. */
static void
nap_always(long ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

/* Sleeps ms milliseconds or until a signal arrives. */
static void
nap(long ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	if (!stopping)
		nanosleep(&ts, NULL);
}

static void
settings_load(struct settings *s)
{
	const char *tls = mc_config_get("smtp_tls", "none");

	s->smtp_url = mc_config_get("smtp_url", "smtp://127.0.0.1:25");
	s->smtp_from = mc_config_get("smtp_from", "noreply@motcua.local");
	s->smtp_from_name = mc_config_get("smtp_from_name", "Một Cửa");
	s->smtp_user = mc_config_get("smtp_user", NULL);
	s->smtp_password = mc_config_get("smtp_password", NULL);
	s->smtp_tls = strcmp(tls, "all") == 0 ? (long)CURLUSESSL_ALL :
	    strcmp(tls, "try") == 0	      ? (long)CURLUSESSL_TRY :
						(long)CURLUSESSL_NONE;
	s->sms_url = mc_config_get("sms_url", "");
	s->sms_token = mc_config_get("sms_token", NULL);
	s->backoff = (long)mc_config_int("outbox_backoff_seconds", 5, 1, 3600);
	s->backoff_max = (long)mc_config_int("outbox_backoff_max_seconds",
	    3600, 1, 86400);
	s->poll_ms = (long)mc_config_int("outbox_poll_ms", 1000, 10, 60000);
	s->stuck_minutes = (long)mc_config_int("outbox_stuck_minutes", 15, 1,
	    1440);
	s->timeout = (long)mc_config_int("outbox_timeout_seconds", 30, 1, 300);
	s->max_attempts = (int)mc_config_int("outbox_max_attempts", 20, 1,
	    1000);
	s->batch = (size_t)mc_config_int("outbox_batch", 10, 1, 1000);
}

static size_t
read_cb(char *dst, size_t size, size_t n, void *arg)
{
	struct io *io = arg;
	size_t	   len = size * n < io->left ? size * n : io->left;

	memcpy(dst, io->upload, len);
	io->upload += len;
	io->left -= len;
	return len;
}

static size_t
write_cb(char *src, size_t size, size_t n, void *arg)
{
	struct io *io = arg;
	size_t	   room = REPLY_MAX - io->reply.len;

	/* Keep the start of the gateway's answer for the log; drop the rest. */
	mc_buf_add(&io->reply, src, size * n < room ? size * n : room);
	return size * n;
}

/* Aborts a transfer when SIGTERM arrives. */
static int
progress_cb(void *arg, curl_off_t dt, curl_off_t dn, curl_off_t ut,
    curl_off_t un)
{
	return stopping ? 1 : 0;
}

/* Options every transfer shares. */
static void
curl_common(struct io *io, const struct settings *s, const char *url,
    const char *protocols)
{
	curl_easy_reset(io->curl);
	io->curl_err[0] = '\0';
	curl_easy_setopt(io->curl, CURLOPT_URL, url);
	curl_easy_setopt(io->curl, CURLOPT_PROTOCOLS_STR, protocols);
	curl_easy_setopt(io->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(io->curl, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(io->curl, CURLOPT_TIMEOUT, s->timeout);
	curl_easy_setopt(io->curl, CURLOPT_ERRORBUFFER, io->curl_err);
	curl_easy_setopt(io->curl, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(io->curl, CURLOPT_XFERINFOFUNCTION, progress_cb);
}

static enum outcome
send_email(struct io *io, const struct settings *s,
    const struct mc_outbox_msg *m, char *err)
{
	struct curl_slist *rcpt;
	char		   from[300], to[300];
	CURLcode	   cc;
	long		   code = 0;

	mc_buf_reset(&io->msg);
	if (mc_outbox_message(&io->msg, m, s->smtp_from, s->smtp_from_name) <
	    0) {
		snprintf(err, ERR_MAX,
		    "address not allowed or message too "
		    "large");
		return OUT_PERMANENT;
	}
	snprintf(from, sizeof(from), "<%s>", s->smtp_from);
	snprintf(to, sizeof(to), "<%s>", m->recipient);
	if ((rcpt = curl_slist_append(NULL, to)) == NULL) {
		snprintf(err, ERR_MAX, "out of memory");
		return OUT_RETRY;
	}
	curl_common(io, s, s->smtp_url, "smtp,smtps");
	curl_easy_setopt(io->curl, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(io->curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(io->curl, CURLOPT_USE_SSL, s->smtp_tls);
	if (s->smtp_user != NULL && *s->smtp_user != '\0') {
		curl_easy_setopt(io->curl, CURLOPT_USERNAME, s->smtp_user);
		curl_easy_setopt(io->curl, CURLOPT_PASSWORD,
		    s->smtp_password ? s->smtp_password : "");
	}
	io->upload = io->msg.s;
	io->left = io->msg.len;
	curl_easy_setopt(io->curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(io->curl, CURLOPT_INFILESIZE_LARGE,
	    (curl_off_t)io->msg.len);
	curl_easy_setopt(io->curl, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(io->curl, CURLOPT_READDATA, io);
	cc = curl_easy_perform(io->curl);
	curl_easy_getinfo(io->curl, CURLINFO_RESPONSE_CODE, &code);
	curl_slist_free_all(rcpt);
	if (cc == CURLE_OK)
		return OUT_SENT;
	if (cc == CURLE_ABORTED_BY_CALLBACK)
		return OUT_STOPPED;
	snprintf(err, ERR_MAX, "smtp: %s (reply %ld)%s%s",
	    curl_easy_strerror(cc), code, io->curl_err[0] ? ": " : "",
	    io->curl_err);
	/* 5xx refuses this message for good, unless it is our login. */
	return code >= 500 && code < 600 && !(code >= 530 && code <= 535) ?
	    OUT_PERMANENT :
	    OUT_RETRY;
}

static enum outcome
send_sms(struct io *io, const struct settings *s,
    const struct mc_outbox_msg *m, char *err)
{
	struct curl_slist *hdr = NULL, *h;
	char		   auth[600];
	CURLcode	   cc;
	long		   code = 0;

	if (*s->sms_url == '\0') {
		snprintf(err, ERR_MAX, "sms_url is not set");
		return OUT_RETRY;
	}
	mc_buf_reset(&io->msg);
	mc_buf_reset(&io->reply);
	if (mc_outbox_sms_json(&io->msg, m) < 0) {
		snprintf(err, ERR_MAX, "message too large");
		return OUT_PERMANENT;
	}
	h = hdr = curl_slist_append(NULL,
	    "Content-Type: application/json; charset=utf-8");
	/* The gateway drops a repeated key: a row sent again after an
	 * unknown outcome reaches the phone once. */
	snprintf(auth, sizeof(auth), "Idempotency-Key: outbox-%lld", m->id);
	if (h != NULL)
		h = curl_slist_append(hdr, auth);
	if (h != NULL && s->sms_token != NULL && *s->sms_token != '\0') {
		snprintf(auth, sizeof(auth), "Authorization: Bearer %s",
		    s->sms_token);
		h = curl_slist_append(hdr, auth);
	}
	if (h == NULL) {
		curl_slist_free_all(hdr);
		snprintf(err, ERR_MAX, "out of memory");
		return OUT_RETRY;
	}
	curl_common(io, s, s->sms_url, "http,https");
	curl_easy_setopt(io->curl, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(io->curl, CURLOPT_POSTFIELDS, io->msg.s);
	curl_easy_setopt(io->curl, CURLOPT_POSTFIELDSIZE_LARGE,
	    (curl_off_t)io->msg.len);
	curl_easy_setopt(io->curl, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(io->curl, CURLOPT_WRITEDATA, io);
	cc = curl_easy_perform(io->curl);
	curl_easy_getinfo(io->curl, CURLINFO_RESPONSE_CODE, &code);
	curl_slist_free_all(hdr);
	if (cc == CURLE_ABORTED_BY_CALLBACK)
		return OUT_STOPPED;
	if (cc != CURLE_OK) {
		snprintf(err, ERR_MAX, "sms: %s%s%s", curl_easy_strerror(cc),
		    io->curl_err[0] ? ": " : "", io->curl_err);
		return OUT_RETRY;
	}
	if (code >= 200 && code < 300)
		return OUT_SENT;
	snprintf(err, ERR_MAX, "sms gateway: HTTP %ld %.200s", code,
	    io->reply.s);
	/* The gateway refuses this message (4xx) or fails for now. */
	return code >= 400 && code < 500 && code != 408 && code != 429 ?
	    OUT_PERMANENT :
	    OUT_RETRY;
}

/* Sends one claimed row and records the outcome; logs one line. */
static void
deliver(struct mc_db *db, struct io *io, const struct settings *s,
    const struct mc_outbox_msg *m)
{
	const char  *what = m->sms ? "sms" : "email";
	char	     err[ERR_MAX] = "";
	enum outcome o;
	long	     delay;
	int	     attempt = m->attempts + 1, tries;

	o = m->sms ? send_sms(io, s, m, err) : send_email(io, s, m, err);
	switch (o) {
	case OUT_SENT:
		/* The message is out: record it through a failover (the
		 * writer node killed), or it is sent again. */
		for (tries = 0; mc_outbox_sent(db, m) < 0; tries++) {
			if (tries >= RECORD_TRIES ||
			    (stopping && tries >= 3)) {
				mc_err("%s outbox=%lld sent but not recorded",
				    what, m->id);
				return;
			}
			nap_always(DB_RETRY_MS);
		}
		mc_info("sent %s outbox=%lld attempt=%d%s", what, m->id,
		    attempt, m->unknown ? " (after an unknown outcome)" : "");
		return;
	case OUT_STOPPED:
		mc_outbox_release(db, m);
		mc_info("released %s outbox=%lld (stopping)", what, m->id);
		return;
	default:
		break;
	}
	delay = mc_outbox_backoff(s->backoff, s->backoff_max, attempt);
	if (mc_outbox_retry(db, m, err, delay, s->max_attempts,
		o == OUT_PERMANENT) < 0)
		return; /* logged; the row is requeued when stuck */
	if (o == OUT_PERMANENT || attempt >= s->max_attempts)
		mc_warn("failed %s outbox=%lld attempt=%d, giving up: %s",
		    what, m->id, attempt, err);
	else
		mc_warn(
		    "deferred %s outbox=%lld attempt=%d, retry in %lds: %s",
		    what, m->id, attempt, delay, err);
}

/* The search's use counts (mc_search_usage_refresh), hourly. */
static void
search_usage(struct mc_db *db)
{
	static time_t at;
	time_t	      now = time(NULL);

	if (at != 0 && now - at < 3600 && now >= at)
		return;
	at = now;
	if (mc_search_usage_refresh(db) < 0)
		mc_warn("search usage counts not refreshed");
}

/*
 * Rows whose attempt has ended with no outcome recorded (a worker killed
 * between sending and recording) back to pending: sent again.
 */
static void
requeue(struct mc_db *db, const struct settings *s)
{
	long long n;

	if ((n = mc_outbox_requeue_stuck(db, s->stuck_minutes)) > 0)
		mc_warn("%lld row(s) left 'sending' past their deadline by a "
			"worker that stopped: outcome unknown, sending again",
		    n);
}

/*
 * Officers told of colours; drafts about to expire reminded, expired ones
 * deleted; submission keys past their days forgotten.
 */
static void
chores(struct mc_db *db, struct mc_arena *a, const struct settings *s)
{
	long long n;

	if ((n = mc_notify_due_scan(db, a, time(NULL), DUE_MAX)) > 0)
		mc_info("%lld officer(s) told of dossiers due soon or overdue",
		    n);
	builds_fail_stale(db);
	exports_expire(db);
	search_usage(db);
	if ((n = mc_eform_draft_sweep(db, a, time(NULL), DUE_MAX)) > 0)
		mc_info("%lld draft(s) reminded of their expiry or deleted",
		    n);
	if ((n = mc_dossier_keys_sweep(db, time(NULL), DUE_MAX)) > 0)
		mc_info("%lld submission key(s) forgotten", n);
}

/*
 * The counters of open dossiers (mc_counters): those whose colour turned
 * with the clock, and those never counted, moved in batches (at most
 * COUNTS_ROUNDS of them a pass).
 */
static void
counters_tick(struct mc_db *db, struct mc_arena *a)
{
	long long n, moved = 0;
	int	  i;

	for (i = 0; i < COUNTS_ROUNDS && !stopping; i++) {
		if ((n = mc_counters_tick(db, a, time(NULL), COUNTS_BATCH)) <=
		    0)
			break;
		moved += n;
		mc_arena_reset(a);
		if (n < COUNTS_BATCH)
			break;
	}
	if (moved > 0)
		mc_info("counters: %lld dossier(s) moved (colour or new)",
		    moved);
	/* The stocks at the start of a month that began (mc_stats). */
	if ((n = mc_stats_close_months(db, a, time(NULL), 12)) > 0)
		mc_info("statistics: %lld month(s) closed", n);
	mc_arena_reset(a);
}

/*
 * One worker of all the nodes works: the holder of the lease "worker"
 * (mc_lease). Renewed when a third of its life is left; 1 held, 0 not (a
 * standby), -1 no database. The lease keeps the others idle; what keeps
 * two workers from sending one row is the row's own claim.
 */
static int
lease_keep(struct mc_db *db, struct mc_lease *l)
{
	time_t now = time(NULL);
	int    took;

	if (mc_lease_valid(l, now) && l->valid_until - now > l->ttl / 3)
		return 1;
	return mc_lease_hold(db, l, now, &took);
}

/* Seconds on a clock that does not jump. */
static double
mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Claims the next due row and delivers it, if the lease is ours and the
 * claim came back in time for the delivery to end before the row's
 * deadline. 1 a row handled, 0 none due, -1 error or no lease.
 */
static int
one(struct mc_db *db, struct mc_arena *a, struct io *io,
    const struct settings *s, struct mc_lease *l)
{
	struct mc_outbox_msg m;
	double		     t0;
	int		     rc;

	if (lease_keep(db, l) <= 0)
		return -1;
	t0 = mono();
	rc = mc_outbox_claim_one(db, a, time(NULL),
	    s->timeout + MC_OUTBOX_CLAIM_MARGIN, &m);
	if (rc <= 0)
		return rc;
	/* A slow claim or a lease gone: the deadline might not cover us. */
	if (stopping || mono() - t0 > MC_OUTBOX_CLAIM_MARGIN / 2 ||
	    !mc_lease_valid(l, time(NULL))) {
		mc_outbox_release(db, &m);
		return -1;
	}
	deliver(db, io, s, &m);
	return 1;
}

/* The delivery loop until SIGTERM (or one pass with once); exit code. */
static int
run(struct mc_db *db, const struct settings *s, int once, const char *cfg)
{
	struct mc_arena *a;
	struct io	 io;
	struct mc_lease	 lease;
	struct builder	 builder;
	struct exporter	 exporter;
	time_t		 last_chores = 0, last_counts = 0, last_requeue = 0;
	size_t		 i;
	int		 rc = 0;

	memset(&io, 0, sizeof(io));
	memset(&builder, 0, sizeof(builder));
	memset(&exporter, 0, sizeof(exporter));
	if ((a = mc_arena_new(64 * 1024)) == NULL ||
	    (io.curl = curl_easy_init()) == NULL) {
		mc_err("out of memory");
		mc_arena_free(a);
		return 1;
	}
	mc_buf_init(&io.msg, MESSAGE_MAX);
	mc_buf_init(&io.reply, REPLY_MAX);
	mc_lease_init(&lease, "worker",
	    (int)mc_config_int("worker_lease_seconds", 15, 3, 600));
	while (!stopping) {
		mc_arena_reset(a);
		rc = lease_keep(db, &lease);
		/* Site builds only on the lease holder, one at a time. */
		builds_tick(db, &builder, lease.me, rc > 0);
		/* Export jobs too, each in a child of its own. */
		exports_tick(db, &exporter, lease.me, cfg, rc > 0);
		if (rc <= 0) {
			if (once)
				break;
			nap(rc < 0 ? DB_RETRY_MS : STANDBY_MS);
			continue;
		}
		if (time(NULL) - last_requeue >= REQUEUE_EVERY) {
			requeue(db, s);
			last_requeue = time(NULL);
		}
		if (time(NULL) - last_counts >= COUNTS_EVERY) {
			counters_tick(db, a);
			last_counts = time(NULL);
			mc_arena_reset(a);
		}
		if (time(NULL) - last_chores >= CHORES_EVERY) {
			chores(db, a, s);
			last_chores = time(NULL);
			mc_arena_reset(a);
		}
		for (i = 0; i < s->batch && !stopping; i++) {
			if ((rc = one(db, a, &io, s, &lease)) <= 0)
				break;
			mc_arena_reset(a);
		}
		if (once && i < s->batch)
			break;
		if (i < s->batch)
			nap(rc < 0 ? DB_RETRY_MS : s->poll_ms);
	}
	/* One pass waits for its build; a stop puts it back in the queue. */
	builds_stop(db, &builder, once && !stopping);
	exports_stop(db, &exporter, once && !stopping);
	/* A clean stop hands the lease on at once. */
	mc_lease_release(db, &lease);
	curl_easy_cleanup(io.curl);
	mc_buf_free(&io.msg);
	mc_buf_free(&io.reply);
	mc_arena_free(a);
	return 0;
}

int
main(int argc, char *argv[])
{
	struct settings	 s;
	struct sigaction sa;
	struct mc_db	*db = NULL;
	const char	*cfg = NULL;
	int		 opt, once = 0, rc;

	mc_log_init("worker");
	while ((opt = getopt(argc, argv, "c:o")) != -1) {
		switch (opt) {
		case 'c':
			cfg = optarg;
			break;
		case 'o':
			once = 1;
			break;
		default:
			goto usage;
		}
	}
	if (argc != optind || mc_config_load(cfg) < 0)
		goto usage;
	settings_load(&s);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term; /* no SA_RESTART: sleeps end at once */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0 ||
	    mc_config_drop_root(NULL) < 0)
		return 1;
	while (!stopping && (db = mc_db_open()) == NULL)
		nap(DB_RETRY_MS);
	if (db == NULL)
		return 0;
	mc_info("started: sms gateway %s, batch %zu, poll %ld ms, backoff "
		"%ld-%ld s, %d attempts",
	    *s.sms_url ? "set" : "not set", s.batch, s.poll_ms, s.backoff,
	    s.backoff_max, s.max_attempts);
	rc = run(db, &s, once, cfg);
	mc_db_close(db);
	mc_notify_free();
	curl_global_cleanup();
	mc_info("stopped");
	return rc;
usage:
	fprintf(stderr, "usage: worker [-o] [-c config]\n");
	return 2;
}
