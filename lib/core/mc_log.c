/*
 * Structured log lines on stderr, one per event:
 *   2026-11-27T15:00:00Z error portal[123] req=ab12 func: message
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mc_log.h"

static char log_program[32] = "motcua";
static char log_reqid[40];

void
mc_log_init(const char *program)
{
	snprintf(log_program, sizeof(log_program), "%s", program);
}

void
mc_log_request(const char *id)
{
	snprintf(log_reqid, sizeof(log_reqid), "%s", id ? id : "");
}

const char *
mc_log_request_id(void)
{
	return log_reqid;
}

void
mc_log_write(const char *level, const char *func, const char *fmt, ...)
{
	char	  when[32], msg[2048];
	struct tm tm;
	time_t	  now = time(NULL);
	va_list	  ap;
	char	 *p;

	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	for (p = msg; *p != '\0'; p++) /* one event, one line */
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	fprintf(stderr, "%s %s %s[%d] req=%s %s: %s\n", when, level,
	    log_program, (int)getpid(), log_reqid[0] ? log_reqid : "-", func,
	    msg);
}
