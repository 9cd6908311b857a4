/*
 * The ceiling for a FastCGI program behind our Apache: libfcgi's accept
 * loop answering "hello" with nothing else (no database, no template, no
 * session), in as many prefork workers as the real programs run (config
 * `workers`, default 4), on a unix socket Apache reaches as the programs'.
 * tools/bench.sh starts it and routes /hello to it in the bench instance
 * only, then measures each program path against it in the same run.
 *
 * Usage: hello SOCKET [WORKERS] [USER]   (root: drops to USER, www-data)
 * Stops on SIGTERM/SIGINT (its workers with it).
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

#define MAX_WORKERS 64

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	stop = 1;
}

static void
serve(int fd)
{
	static const char body[] =
	    "Content-Type: text/plain; "
	    "charset=utf-8\r\nContent-Length: 6\r\n\r\nhello\n";
	FCGX_Request req;

	if (FCGX_InitRequest(&req, fd, 0) != 0)
		_exit(1);
	while (FCGX_Accept_r(&req) >= 0) {
		FCGX_PutStr(body, (int)sizeof(body) - 1, req.out);
		FCGX_Finish_r(&req);
	}
	_exit(0);
}

int
main(int argc, char **argv)
{
	struct sigaction sa;
	struct passwd	*pw = NULL;
	pid_t		 pids[MAX_WORKERS];
	int		 fd, i, n = 4;
	long		 v = 0;
	char		*end = NULL;

	if (argc < 2 || argc > 4) {
		fprintf(stderr, "usage: hello SOCKET [WORKERS] [USER]\n");
		return 2;
	}
	if (argc > 2 &&
	    (v = strtol(argv[2], &end, 10),
		*argv[2] == '\0' || *end != '\0' || v < 1 ||
		    v > MAX_WORKERS)) {
		fprintf(stderr, "hello: WORKERS 1..%d\n", MAX_WORKERS);
		return 2;
	}
	if (argc > 2)
		n = (int)v;
	if (FCGX_Init() != 0)
		return 1;
	unlink(argv[1]);
	if ((fd = FCGX_OpenSocket(argv[1], 1024)) < 0) {
		fprintf(stderr, "hello: cannot listen on %s\n", argv[1]);
		return 1;
	}
	if (geteuid() == 0) {
		if ((pw = getpwnam(argc > 3 ? argv[3] : "www-data")) == NULL) {
			fprintf(stderr, "hello: no such user\n");
			return 1;
		}
		if (chown(argv[1], pw->pw_uid, pw->pw_gid) < 0 ||
		    setgid(pw->pw_gid) < 0 || setuid(pw->pw_uid) < 0) {
			fprintf(stderr, "hello: cannot drop to %s: %s\n",
			    pw->pw_name, strerror(errno));
			return 1;
		}
	}
	chmod(argv[1], 0660);
	for (i = 0; i < n; i++) {
		if ((pids[i] = fork()) == 0)
			serve(fd);
		if (pids[i] < 0) {
			fprintf(stderr, "hello: fork: %s\n", strerror(errno));
			n = i;
			break;
		}
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	fprintf(stderr, "hello: %d workers on %s\n", n, argv[1]);
	while (!stop)
		pause();
	for (i = 0; i < n; i++)
		kill(pids[i], SIGTERM);
	for (i = 0; i < n; i++)
		waitpid(pids[i], NULL, 0);
	return 0;
}
