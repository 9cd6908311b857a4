/*
 * Small helpers shared by every program: randomness, hashes, hex, UTF-8
 * checks, folding Vietnamese text for search, time formatting.
 */
#ifndef MC_UTIL_H
#define MC_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct buf;
struct mc_arena;

/* Fills buf with n cryptographically random bytes; 0 or -1. */
int mc_random(void *buf, size_t n);

/* Writes 2n lowercase hex digits and a NUL into out (2n + 1 bytes). */
void mc_hex(char *out, const void *in, size_t n);

/* Decodes 2n hex digits into n bytes; 0, or -1 on a bad digit. */
int mc_unhex(void *out, const char *hex, size_t n);

/* SHA-256 of data into out[32]. */
void mc_sha256(unsigned char out[32], const void *data, size_t n);

/*
 * SHA-256 of the file at path, read in blocks, into out[32], its length
 * into *size: 0, or -1 with errno set (open or read failed).
 */
int mc_sha256_file(const char *path, unsigned char out[32], long long *size);

/* HMAC-SHA-256 into out[32]. */
void mc_hmac_sha256(unsigned char out[32], const void *key, size_t keylen,
    const void *data, size_t n);

/* Constant-time comparison of n bytes: 1 equal, 0 not. */
int mc_ct_equal(const void *, const void *, size_t n);

/* 1 if s[0..n) is well-formed UTF-8 (no overlongs, no surrogates), else 0. */
int mc_utf8_valid(const char *s, size_t n);

/* Number of characters (code points) of a valid UTF-8 string. */
size_t mc_utf8_chars(const char *s);

/*
 * s cut to at most max bytes on a character boundary: s itself when it
 * fits, else a copy in the arena.
 */
const char *mc_utf8_cut(struct mc_arena *, const char *s, size_t max);

/*
 * 1 if s[0..n) is text a person may type into a field: valid UTF-8, no NUL,
 * no control character (C0 but tab, and CR and LF when lines is non-zero;
 * DEL; C1), and no bidirectional control (U+202A-U+202E, U+2066-U+2069,
 * U+200E, U+200F, U+061C) that would make a name, an address or a note
 * read otherwise than it is stored; no byte order mark (U+FEFF) and no
 * non-character U+FFFE-F; no line or paragraph separator (U+2028-9) in one
 * line. The one rule of the web's valid_text
 * and valid_line, of the API's notes and of the dossier actions'.
 */
int mc_text_ok(const char *s, size_t n, int lines);

/* The length of the bidirectional control at s (as above), or 0. */
size_t mc_text_bidi_at(const char *s, size_t n);

/* Removes the bidirectional controls of s in place; returns s. */
char *mc_text_strip_bidi(char *s);

/*
 * Folds text for search into the arena: NFKD, marks stripped, đ/Đ to d,
 * lowercase, every run of non-alphanumerics to one space, trimmed; the
 * syllables spelt with i or y alike end in i ("ký", "kí" and "ky" fold to
 * "ki"; also l, m, h, t, s, v, qu...). The old and new tone-mark places
 * ("hoà"/"hòa") fold alike since marks go. "Đăng ký KẾT HÔN" and
 * "dang ki ket hon" fold to the same string. htdocs/js/search.js's fold()
 * is the same rule; tests/data/fold.tsv holds the cases both must pass.
 * Returns NULL on invalid UTF-8.
 */
char *mc_fold(struct mc_arena *, const char *s);

/*
 * mc_fold() without the i/y rule ("Lý lịch" -> "ly lich"): for names that
 * are addresses and must not change, such as the fields' slugs.
 */
char *mc_fold_plain(struct mc_arena *, const char *s);

/*
 * A folded text's words as a FULLTEXT boolean query requiring every one
 * ("dang ky" -> "+dang +ky"), in the arena; NULL on memory failure.
 */
char *mc_fold_all_words(struct mc_arena *, const char *folded);

/* NFC of a valid UTF-8 string into the arena; NULL on invalid input. */
char *mc_nfc(struct mc_arena *, const char *s);

/* Parses a whole decimal number in [min, max]; 0 or -1. */
int mc_parse_ll(const char *s, long long min, long long max, long long *out);

/*
 * A date typed by a person or sent to the API: exactly "YYYY-MM-DD" (four,
 * two and two digits, nothing before or after), a day that exists (no 30
 * February, no month 13), year 1000-9999. 0 and the parts, or -1.
 */
int mc_date_parse(const char *, int *year, int *month, int *day);

/*
 * The local time at hour:00 of a date as mc_date_parse reads it (the
 * close of office: 17); 0 if it is not one.
 */
time_t mc_date_at(const char *, int hour);

/* "YYYY-MM-DD HH:MM:SS" in local time into out (20 bytes). */
void mc_time_sql(char out[20], time_t);

/*
 * The local time of "YYYY-MM-DD HH:MM:SS" (or "YYYY-MM-DD"); 0 if bad,
 * including a date or time that does not exist (30 February, 24:00:00).
 */
time_t mc_time_parse(const char *);

/*
 * Blocks of 128 KiB and more (a password hash's 19 MiB, mc_auth) given
 * back to the system when freed. glibc raises its mmap threshold past the first such
 * block once it is freed, and the next ones come from the heap and stay
 * resident for good in each long-lived worker (eight per program). Called
 * once at a program's start (mc_app_run).
 */
void mc_malloc_give_back(void);

#endif
