/*
 * E-mail as bytes: an RFC 5322 message with MIME headers (UTF-8 text, the
 * body in base64), header words in RFC 2047, and the address rule that
 * keeps a header from being injected. Knows no queue and no text: the
 * outbox (domain/mc_outbox) fills a struct mc_mail from its row.
 */
#ifndef MC_MAIL_H
#define MC_MAIL_H

#include <stddef.h>
#include <time.h>

struct buf;

/* One message to write (strings UTF-8 except the addresses). */
struct mc_mail {
	const char *from;	/* an address (mc_mail_address_ok) */
	const char *from_name;	/* may be NULL or "" */
	const char *to;		/* an address */
	const char *subject;	/* may be NULL */
	const char *body;	/* plain text, LF or CRLF line ends */
	const char *message_id; /* without <>, e.g. outbox-7@motcua */
	time_t	    date;	/* the Date header, in local time */
};

/* 1 if s is an address safe for SMTP and a header (no spaces, <>, CR/LF). */
int mc_mail_address_ok(const char *s);

/*
 * Appends the message: Date, From (name RFC 2047-encoded), To, Subject
 * (RFC 2047, UTF-8, folded, never splitting a character), Message-ID,
 * MIME-Version, Content-Type text/plain UTF-8, base64 transfer encoding,
 * Auto-Submitted, then the body in canonical form (CRLF) as base64 lines
 * of 76; CRLF line ends throughout. The same mail gives the same bytes.
 * 0, or -1 (the buffer as it was) if an address is not mc_mail_address_ok,
 * the Message-ID holds a character not allowed there, or the buffer is
 * full.
 */
int mc_mail_message(struct buf *, const struct mc_mail *);

/* Appends base64 of n bytes, a CRLF after every wrap characters (0: none). */
int mc_mail_base64(struct buf *, const void *, size_t n, size_t wrap);

/*
 * Appends s as RFC 2047 encoded words (UTF-8, base64), each short enough
 * for a folded header line and never splitting a character; words are
 * joined by CRLF SP. 0 or -1.
 */
int mc_mail_encoded_words(struct buf *, const char *s);

#endif
