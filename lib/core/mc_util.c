/*
 * Small shared helpers: randomness, SHA-256 and HMAC, hex, UTF-8 checks,
 * folding Vietnamese text for search (utf8proc), number parsing.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <utf8proc.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_util.h"

int
mc_random(void *buf, size_t n)
{
	unsigned char *p = buf;
	ssize_t	       got;

	while (n > 0) {
		got = getrandom(p, n, 0);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += got;
		n -= (size_t)got;
	}
	return 0;
}

void
mc_hex(char *out, const void *in, size_t n)
{
	static const char    digits[] = "0123456789abcdef";
	const unsigned char *p = in;
	size_t		     i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
mc_unhex(void *out, const char *hex, size_t n)
{
	unsigned char *p = out;
	size_t	       i;
	int	       hi, lo;

	for (i = 0; i < n; i++) {
		if ((hi = hexval(hex[2 * i])) < 0 ||
		    (lo = hexval(hex[2 * i + 1])) < 0)
			return -1;
		p[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

/*
 * The digest and its context are made once per process (the programs are
 * single-threaded): EVP_Digest looked SHA-256 up in OpenSSL's provider
 * tables and allocated a context at every call, 8 % of a repeated public
 * lookup's time in its program (two throttle subjects a request).
 */
void
mc_sha256(unsigned char out[32], const void *data, size_t n)
{
	static EVP_MD	  *md;
	static EVP_MD_CTX *ctx;
	unsigned int	   len = 32;

	if (md == NULL)
		md = EVP_MD_fetch(NULL, "SHA256", NULL);
	if (ctx == NULL)
		ctx = EVP_MD_CTX_new();
	if (md == NULL || ctx == NULL ||
	    EVP_DigestInit_ex2(ctx, md, NULL) != 1 ||
	    EVP_DigestUpdate(ctx, data, n) != 1 ||
	    EVP_DigestFinal_ex(ctx, out, &len) != 1)
		EVP_Digest(data, n, out, &len, EVP_sha256(), NULL);
}

int
mc_sha256_file(const char *path, unsigned char out[32], long long *size)
{
	EVP_MD_CTX   *ctx;
	unsigned char blk[65536];
	unsigned int  len = 32;
	ssize_t	      n;
	int	      fd, saved, rc = -1;

	*size = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if ((ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
		errno = ENOMEM;
		goto out;
	}
	while ((n = read(fd, blk, sizeof(blk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto out;
		}
		EVP_DigestUpdate(ctx, blk, (size_t)n);
		*size += n;
	}
	rc = EVP_DigestFinal_ex(ctx, out, &len) == 1 ? 0 : -1;
out:
	saved = errno;
	EVP_MD_CTX_free(ctx);
	close(fd);
	errno = saved;
	return rc;
}

void
mc_hmac_sha256(unsigned char out[32], const void *key, size_t keylen,
    const void *data, size_t n)
{
	unsigned int len = 32;

	HMAC(EVP_sha256(), key, (int)keylen, data, n, out, &len);
}

int
mc_ct_equal(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	unsigned char	     d = 0;
	size_t		     i;

	for (i = 0; i < n; i++)
		d |= x[i] ^ y[i];
	return d == 0;
}

int
mc_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	unsigned int	     c, need, min;

	while (p < end) {
		c = *p++;
		if (c < 0x80)
			continue;
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1;
			min = 0x80;
			c &= 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			min = 0x800;
			c &= 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			min = 0x10000;
			c &= 0x07;
		} else
			return 0;
		if ((size_t)(end - p) < need)
			return 0;
		while (need-- > 0) {
			if ((*p & 0xc0) != 0x80)
				return 0;
			c = c << 6 | (*p++ & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return 0;
	}
	return 1;
}

size_t
mc_utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

const char *
mc_utf8_cut(struct mc_arena *a, const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return s;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return mc_arena_strndup(a, s, n);
}

size_t
mc_text_bidi_at(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	if (n >= 2 && u[0] == 0xd8 && u[1] == 0x9c) /* U+061C */
		return 2;
	if (n < 3 || u[0] != 0xe2)
		return 0;
	if (u[1] == 0x80 &&
	    ((u[2] >= 0xaa && u[2] <= 0xae) || u[2] == 0x8e ||
		u[2] == 0x8f)) /* U+202A-E, U+200E-F */
		return 3;
	if (u[1] == 0x81 && u[2] >= 0xa6 && u[2] <= 0xa9) /* U+2066-9 */
		return 3;
	return 0;
}

int
mc_text_ok(const char *s, size_t n, int lines)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t		     i;

	if (!mc_utf8_valid(s, n))
		return 0;
	for (i = 0; i < n; i++) {
		if (u[i] == 0x7f ||
		    (u[i] < 0x20 && u[i] != '\t' &&
			(!lines || (u[i] != '\r' && u[i] != '\n'))))
			return 0;
		if (u[i] == 0xc2 && i + 1 < n && u[i + 1] < 0xa0) /* C1 */
			return 0;
		if (mc_text_bidi_at(s + i, n - i) > 0)
			return 0;
		/* U+FEFF (an invisible mark), U+FFFE-F (not characters). */
		if (u[i] == 0xef && i + 2 < n &&
		    ((u[i + 1] == 0xbb && u[i + 2] == 0xbf) ||
			(u[i + 1] == 0xbf && u[i + 2] >= 0xbe)))
			return 0;
		/* U+2028-9: a line break, in one line. */
		if (!lines && u[i] == 0xe2 && i + 2 < n && u[i + 1] == 0x80 &&
		    (u[i + 2] == 0xa8 || u[i + 2] == 0xa9))
			return 0;
	}
	return 1;
}

char *
mc_text_strip_bidi(char *s)
{
	char  *o = s;
	size_t n = strlen(s), i, k;

	for (i = 0; i < n;) {
		if ((k = mc_text_bidi_at(s + i, n - i)) > 0) {
			i += k;
			continue;
		}
		*o++ = s[i++];
	}
	*o = '\0';
	return s;
}

/*
 * The syllables written with a final i or y alike ("ký"/"kí", "lý"/"lí",
 * "quý"/"quí", "công ty"/"công ti"): a consonant (or "qu") and a lone y
 * become the same with i, in place. A word "y" alone (y tế) stays.
 */
static void
fold_iy(char *s)
{
	char  *w;
	size_t n;

	for (w = s; *w != '\0'; w += n) {
		while (*w == ' ')
			w++;
		n = strcspn(w, " ");
		if (n == 2 && w[1] == 'y' && strchr("bdhklmnprstvx", w[0]) &&
		    w[0] != '\0')
			w[1] = 'i';
		else if (n == 3 && w[0] == 'q' && w[1] == 'u' && w[2] == 'y')
			w[2] = 'i';
	}
}

/* mc_fold() and mc_fold_plain(): iy says whether i/y fold alike. */
static char *
fold(struct mc_arena *a, const char *s, int iy)
{
	utf8proc_uint8_t       *mapped = NULL;
	utf8proc_ssize_t	n;
	utf8proc_int32_t	c;
	const utf8proc_uint8_t *p;
	char		       *out, *o;
	int			space = 0, len;

	if (!mc_utf8_valid(s, strlen(s)))
		return NULL;
	n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &mapped,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
		UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
	if (n < 0)
		return NULL;
	out = o = mc_arena_alloc(a, (size_t)n + 1);
	for (p = mapped; *p != '\0'; p += len) {
		len = (int)utf8proc_iterate(p, -1, &c);
		if (len <= 0)
			break;
		if (c == 0x0111) /* đ has no decomposition */
			c = 'd';
		if (c < 0x80 &&
		    ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
			if (space && o > out)
				*o++ = ' ';
			space = 0;
			*o++ = (char)c;
		} else if (c >= 0x80 &&
		    utf8proc_category(c) >= UTF8PROC_CATEGORY_LU &&
		    utf8proc_category(c) <=
			UTF8PROC_CATEGORY_LO) { /* letters of other scripts */
			if (space && o > out)
				*o++ = ' ';
			space = 0;
			o += utf8proc_encode_char(c, (utf8proc_uint8_t *)o);
		} else
			space = 1;
	}
	*o = '\0';
	free(mapped);
	if (iy)
		fold_iy(out);
	return out;
}

char *
mc_fold(struct mc_arena *a, const char *s)
{
	return fold(a, s, 1);
}

char *
mc_fold_plain(struct mc_arena *a, const char *s)
{
	return fold(a, s, 0);
}

char *
mc_fold_all_words(struct mc_arena *a, const char *folded)
{
	struct buf  b;
	const char *w;
	char	   *out;
	size_t	    n;

	mc_buf_init(&b, 256);
	for (w = folded; *w != '\0'; w += n) {
		while (*w == ' ')
			w++;
		n = strcspn(w, " ");
		if (n > 0 &&
		    mc_buf_addf(&b, "%s+%.*s", b.len ? " " : "", (int)n, w) <
			0)
			break;
	}
	out = mc_arena_strdup(a, b.s ? b.s : "");
	mc_buf_free(&b);
	return out;
}

char *
mc_nfc(struct mc_arena *a, const char *s)
{
	utf8proc_uint8_t *mapped;
	char		 *out;

	if (!mc_utf8_valid(s, strlen(s)))
		return NULL;
	mapped = utf8proc_NFC((const utf8proc_uint8_t *)s);
	if (mapped == NULL)
		return NULL;
	out = mc_arena_strdup(a, (const char *)mapped);
	free(mapped);
	return out;
}

int
mc_parse_ll(const char *s, long long min, long long max, long long *out)
{
	char	 *end;
	long long n;

	if (s == NULL || *s == '\0' || *s == ' ' || *s == '+')
		return -1;
	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || n < min || n > max)
		return -1;
	*out = n;
	return 0;
}

void
mc_time_sql(char out[20], time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

int
mc_date_parse(const char *s, int *year, int *month, int *day)
{
	static const char pat[] = "dddd-dd-dd";
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };
	size_t		 i;
	int		 y, m, d, leap;

	if (s == NULL)
		return -1;
	for (i = 0; pat[i] != '\0'; i++)
		if (pat[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') :
				    s[i] != pat[i])
			return -1;
	if (s[i] != '\0')
		return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1000 || m < 1 || m > 12 || d < 1 ||
	    d > days[m - 1] + (m == 2 && leap))
		return -1;
	*year = y;
	*month = m;
	*day = d;
	return 0;
}

time_t
mc_date_at(const char *s, int hour)
{
	struct tm tm;
	int	  y, m, d;

	if (mc_date_parse(s, &y, &m, &d) < 0 || hour < 0 || hour > 23)
		return 0;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = hour;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

time_t
mc_time_parse(const char *s)
{
	struct tm tm, want;
	time_t	  t;
	int	  n;

	if (s == NULL)
		return 0;
	memset(&tm, 0, sizeof(tm));
	n = sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec);
	if (n != 3 && n != 6)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_isdst = -1;
	want = tm;
	t = mktime(&tm);
	/* mktime moves 30 February to 2 March: such a date is not one. */
	if (tm.tm_year != want.tm_year || tm.tm_mon != want.tm_mon ||
	    tm.tm_mday != want.tm_mday || tm.tm_hour != want.tm_hour ||
	    tm.tm_min != want.tm_min || tm.tm_sec != want.tm_sec)
		return 0;
	return t;
}

void
mc_malloc_give_back(void)
{
	/*
	 * glibc's own starting value, fixed: it no longer moves (nor does
	 * the trim threshold). At 1 MiB the blocks between came from the
	 * heap and a portal worker grew by some 200 KiB a run of
	 * bench_mem; at 128 KiB it stays level (BENCHMARKS.md).
	 */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
}
