/*
 * Structured log lines on stderr: time, level, program, request id, the
 * function that failed and a message. Log once, where it fails.
 */
#ifndef MC_LOG_H
#define MC_LOG_H

/* Names the program in every line (e.g. "portal"). */
void mc_log_init(const char *program);

/* The request id to print in every line until the next call ("" for none). */
void mc_log_request(const char *id);

/* The current request id ("" outside a request). */
const char *mc_log_request_id(void);

void mc_log_write(const char *level, const char *func, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define mc_err(...)  mc_log_write("error", __func__, __VA_ARGS__)
#define mc_warn(...) mc_log_write("warn", __func__, __VA_ARGS__)
#define mc_info(...) mc_log_write("info", __func__, __VA_ARGS__)

#endif
