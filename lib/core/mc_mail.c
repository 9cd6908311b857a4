/*
 * E-mail encoding: RFC 5322 headers, RFC 2047 encoded words, a MIME
 * text/plain body in base64. No network, no queue: tested as bytes.
 */
#include <string.h>
#include <time.h>

#include "mc_buf.h"
#include "mc_mail.h"

static const char b64chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int
mc_mail_base64(struct buf *b, const void *data, size_t n, size_t wrap)
{
	const unsigned char *p = data;
	char		     q[4];
	size_t		     i, col = 0;
	int		     rc = 0;

	for (i = 0; i < n && rc == 0; i += 3) {
		unsigned int v = (unsigned int)p[i] << 16;

		if (i + 1 < n)
			v |= (unsigned int)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		q[0] = b64chars[(v >> 18) & 63];
		q[1] = b64chars[(v >> 12) & 63];
		q[2] = i + 1 < n ? b64chars[(v >> 6) & 63] : '=';
		q[3] = i + 2 < n ? b64chars[v & 63] : '=';
		rc = mc_buf_add(b, q, 4);
		col += 4;
		if (wrap > 0 && col >= wrap && i + 3 < n && rc == 0) {
			rc = mc_buf_adds(b, "\r\n");
			col = 0;
		}
	}
	return rc;
}

int
mc_mail_encoded_words(struct buf *b, const char *s)
{
	const size_t chunk = 39; /* 52 base64 characters a word */
	size_t	     n, len = strlen(s);
	int	     rc = 0;

	while (rc == 0) {
		n = len < chunk ? len : chunk;
		while (
		    n < len && n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		rc |= mc_buf_adds(b, "=?UTF-8?B?");
		rc |= mc_mail_base64(b, s, n, 0);
		rc |= mc_buf_adds(b, "?=");
		s += n;
		len -= n;
		if (len == 0)
			break;
		rc |= mc_buf_adds(b, "\r\n ");
	}
	return rc;
}

/* 1 if s is printable ASCII without spaces and the header's specials. */
static int
atext_ok(const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++)
		if (*p <= 0x20 || *p >= 0x7f || strchr("<>()[]\\,;:\"", *p))
			return 0;
	return 1;
}

int
mc_mail_address_ok(const char *s)
{
	const char *at;
	size_t	    n = s ? strlen(s) : 0;

	if (n < 3 || n > 254 || !atext_ok(s))
		return 0;
	at = strchr(s, '@');
	return at != NULL && at > s && at[1] != '\0' &&
	    strchr(at + 1, '@') == NULL;
}

int
mc_mail_message(struct buf *b, const struct mc_mail *m)
{
	struct buf  body;
	struct tm   tm;
	char	    date[64];
	const char *p;
	size_t	    start = b->len;
	int	    rc = 0;

	if (!mc_mail_address_ok(m->to) || !mc_mail_address_ok(m->from) ||
	    m->message_id == NULL || *m->message_id == '\0' ||
	    !atext_ok(m->message_id) || m->body == NULL)
		return -1;
	localtime_r(&m->date, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S %z", &tm);
	rc |= mc_buf_addf(b, "Date: %s\r\nFrom: ", date);
	if (m->from_name != NULL && *m->from_name != '\0') {
		rc |= mc_mail_encoded_words(b, m->from_name);
		rc |= mc_buf_addc(b, ' ');
	}
	rc |= mc_buf_addf(b, "<%s>\r\nTo: <%s>\r\nSubject: ", m->from, m->to);
	rc |= mc_mail_encoded_words(b, m->subject ? m->subject : "");
	rc |= mc_buf_addf(b,
	    "\r\nMessage-ID: <%s>\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n"
	    "Auto-Submitted: auto-generated\r\n\r\n",
	    m->message_id);
	/* The body in canonical form (CRLF line ends), then base64. */
	mc_buf_init(&body, 2 * strlen(m->body) + 1);
	for (p = m->body; *p != '\0' && rc == 0; p++) {
		if (*p == '\n' && (p == m->body || p[-1] != '\r'))
			rc |= mc_buf_addc(&body, '\r');
		rc |= mc_buf_addc(&body, *p);
	}
	rc |= mc_mail_base64(b, body.s, body.len, 76);
	rc |= mc_buf_adds(b, "\r\n");
	mc_buf_free(&body);
	if (rc != 0) {
		b->len = start;
		if (b->cap > 0)
			b->s[start] = '\0';
		return -1;
	}
	return 0;
}
