/*
 * Single sign-on, the relying party's side (mc_oidc.h): discovery, the
 * authorization URL with PKCE, the token endpoint (libcurl), the id_token
 * checked with OpenSSL 3 against the JWKS (RS256 only), and the account.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <jansson.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include "mc_account.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_log.h"
#include "mc_oidc.h"
#include "mc_util.h"

#define HTTP_MAX     (1u << 20) /* bytes of an answer from the provider */
#define HTTP_TIMEOUT 10L	/* seconds */
#define SKEW	     60		/* seconds of clock difference allowed */
#define JWKS_REFETCH 60		/* seconds between fetches for a new kid */

enum stmt {
	STMT_IDENT,
	STMT_HOLDER,
	STMT_EMAIL,
	STMT_NEW,
	STMT_SET_IDN,
	STMT_PUT,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_IDENT] = "SELECT i.account_id FROM account_identities i "
	    "JOIN accounts a ON a.id = i.account_id "
	    "WHERE i.issuer = ? AND i.subject = ? AND a.disabled = 0",
	[STMT_HOLDER] = "SELECT id FROM accounts "
	    "WHERE verified_id_number = ? AND disabled = 0",
	[STMT_EMAIL] = "SELECT id FROM accounts WHERE email = ?",
	/* No password: '!' is no Argon2 hash, so no password matches. */
	[STMT_NEW] = "INSERT INTO accounts (email, id_number, full_name, "
	    "phone, password_hash, created_at) VALUES (?, ?, ?, ?, '!sso', ?)",
	[STMT_SET_IDN] = "UPDATE accounts SET id_number = ? "
	    "WHERE id = ? AND id_verified = 0",
	[STMT_PUT] = "INSERT INTO account_identities (issuer, subject, "
	    "account_id, acr, id_number, full_name, email, phone, first_at, "
	    "last_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	    "ON DUPLICATE KEY UPDATE account_id = VALUES(account_id), "
	    "acr = VALUES(acr), id_number = VALUES(id_number), "
	    "full_name = VALUES(full_name), email = VALUES(email), "
	    "phone = VALUES(phone), last_at = VALUES(last_at)",
};
/* clang-format on */

/* The provider's metadata and keys, kept for the process. */
static struct {
	char  *issuer;
	char  *authorize;
	char  *token;
	char  *jwks_uri;
	char  *jwks;
	time_t jwks_at;
} meta;

/* ------------------------------------------------------------ settings */

/* "key = value" of a small file into the arena; NULL if absent. */
static const char *
file_value(struct mc_arena *a, const char *path, const char *key)
{
	FILE	   *f;
	char	    line[1024], *k, *v, *e;
	const char *out = NULL;
	size_t	    n;

	if (path == NULL || *path == '\0' || (f = fopen(path, "r")) == NULL)
		return NULL;
	while (out == NULL && fgets(line, sizeof(line), f) != NULL) {
		for (k = line; isspace((unsigned char)*k); k++)
			;
		if (*k == '#' || (v = strchr(k, '=')) == NULL)
			continue;
		for (e = v; e > k && isspace((unsigned char)e[-1]); e--)
			;
		n = (size_t)(e - k);
		if (n != strlen(key) || strncmp(k, key, n) != 0)
			continue;
		for (v++; isspace((unsigned char)*v); v++)
			;
		for (e = v + strlen(v); e > v && isspace((unsigned char)e[-1]);
		     e--)
			;
		out = mc_arena_strndup(a, v, (size_t)(e - v));
	}
	fclose(f);
	return out;
}

/* A setting from the config, else from oidc_config_file, else def. */
static const char *
setting(struct mc_arena *a, const char *key, const char *def)
{
	const char *v = mc_config_get(key, NULL);

	if (v == NULL || *v == '\0')
		v = file_value(a, mc_config_get("oidc_config_file", NULL),
		    key);
	return v != NULL && *v != '\0' ? v : def;
}

int
mc_oidc_conf(struct mc_arena *a, struct mc_oidc_conf *c)
{
	const char *base = mc_config_get("base_url", "");
	size_t	    n = strlen(base);

	memset(c, 0, sizeof(*c));
	c->issuer = setting(a, "oidc_issuer", NULL);
	c->client_id = setting(a, "oidc_client_id", NULL);
	c->client_secret = setting(a, "oidc_client_secret", NULL);
	c->acr_values = setting(a, "oidc_acr_values", "LoA2 LoA1");
	c->acr_verified = setting(a, "oidc_acr_verified", "LoA2");
	c->id_claim = setting(a, "oidc_id_claim", "so_dinh_danh");
	c->scope = setting(a, "oidc_scope",
	    "openid profile email phone so_dinh_danh");
	while (n > 0 && base[n - 1] == '/')
		n--;
	c->redirect_uri = mc_arena_printf(a, "%.*s%s", (int)n, base,
	    MC_OIDC_CALLBACK);
	return c->issuer != NULL && c->client_id != NULL &&
	    c->client_secret != NULL;
}

/* ------------------------------------------------------------ HTTP */

struct sink {
	char  *s;
	size_t len;
	int    over;
};

static size_t
sink_write(char *p, size_t size, size_t n, void *arg)
{
	struct sink *k = arg;
	size_t	     len = size * n;
	char	    *s;

	if (k->len + len > HTTP_MAX) {
		k->over = 1;
		return 0;
	}
	if ((s = realloc(k->s, k->len + len + 1)) == NULL)
		return 0;
	memcpy(s + k->len, p, len);
	k->len += len;
	s[k->len] = '\0';
	k->s = s;
	return len;
}

/*
 * GET url (or POST the form body, with HTTP basic authentication when user
 * is set); the answer's body into the arena when the status is 200.
 * NULL on any failure (logged).
 */
static const char *
http(struct mc_arena *a, const char *url, const char *form, const char *user,
    const char *pass)
{
	CURL	   *c;
	CURLcode    rc;
	struct sink k = { NULL, 0, 0 };
	long	    status = 0;
	const char *out = NULL;

	if ((c = curl_easy_init()) == NULL)
		return NULL;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, HTTP_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, HTTP_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &k);
	if (form != NULL)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, form);
	if (user != NULL) {
		curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
		curl_easy_setopt(c, CURLOPT_USERNAME, user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, pass);
	}
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	if (rc != CURLE_OK)
		mc_err("oidc: %s: %s", url, curl_easy_strerror(rc));
	else if (status != 200)
		mc_err("oidc: %s answered %ld", url, status);
	else if (k.s != NULL)
		out = mc_arena_strdup(a, k.s);
	curl_easy_cleanup(c);
	free(k.s);
	return out;
}

/* A string member of a JSON object, copied into the arena; or NULL. */
static const char *
jget(struct mc_arena *a, json_t *o, const char *name)
{
	json_t *v = json_object_get(o, name);

	return json_is_string(v) ? mc_arena_strdup(a, json_string_value(v)) :
				   NULL;
}

static void
meta_set(char **slot, const char *v)
{
	free(*slot);
	*slot = v != NULL ? strdup(v) : NULL;
}

/* The provider's metadata (discovery), fetched once per process; 0/-1. */
static int
discover(struct mc_arena *a, const struct mc_oidc_conf *c)
{
	const char *url, *body;
	json_t	   *j;
	int	    rc = -1;

	if (meta.issuer != NULL && strcmp(meta.issuer, c->issuer) == 0)
		return 0;
	url = mc_arena_printf(a, "%s%s/.well-known/openid-configuration",
	    c->issuer, c->issuer[strlen(c->issuer) - 1] == '/' ? "." : "");
	if ((body = http(a, url, NULL, NULL, NULL)) == NULL)
		return -1;
	if ((j = json_loads(body, 0, NULL)) == NULL)
		return -1;
	/* The metadata must name the issuer we were given. */
	if (jget(a, j, "issuer") != NULL &&
	    strcmp(jget(a, j, "issuer"), c->issuer) == 0 &&
	    jget(a, j, "authorization_endpoint") != NULL &&
	    jget(a, j, "token_endpoint") != NULL &&
	    jget(a, j, "jwks_uri") != NULL) {
		meta_set(&meta.authorize,
		    jget(a, j, "authorization_endpoint"));
		meta_set(&meta.token, jget(a, j, "token_endpoint"));
		meta_set(&meta.jwks_uri, jget(a, j, "jwks_uri"));
		meta_set(&meta.jwks, NULL);
		meta_set(&meta.issuer, c->issuer);
		rc = 0;
	} else
		mc_err("oidc: discovery of %s: not this issuer's metadata",
		    c->issuer);
	json_decref(j);
	return rc;
}

/* The JWKS (fetched again when asked and not fetched in the last minute). */
static const char *
jwks(struct mc_arena *a, int again)
{
	const char *body;

	if (meta.jwks != NULL &&
	    (!again || time(NULL) - meta.jwks_at < JWKS_REFETCH))
		return meta.jwks;
	if ((body = http(a, meta.jwks_uri, NULL, NULL, NULL)) == NULL)
		return meta.jwks;
	meta_set(&meta.jwks, body);
	meta.jwks_at = time(NULL);
	return meta.jwks;
}

/* ------------------------------------------------------------ base64url */

static void
b64url(char *out, const unsigned char *in, size_t n)
{
	static const char t[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	size_t	      i;
	unsigned long v;

	for (i = 0; i + 2 < n; i += 3) {
		v = (unsigned long)in[i] << 16 |
		    (unsigned long)in[i + 1] << 8 | in[i + 2];
		*out++ = t[v >> 18 & 63];
		*out++ = t[v >> 12 & 63];
		*out++ = t[v >> 6 & 63];
		*out++ = t[v & 63];
	}
	if (n - i == 1) {
		v = (unsigned long)in[i] << 16;
		*out++ = t[v >> 18 & 63];
		*out++ = t[v >> 12 & 63];
	} else if (n - i == 2) {
		v = (unsigned long)in[i] << 16 | (unsigned long)in[i + 1] << 8;
		*out++ = t[v >> 18 & 63];
		*out++ = t[v >> 12 & 63];
		*out++ = t[v >> 6 & 63];
	}
	*out = '\0';
}

/* Decodes n characters of base64url (no padding) into the arena; NULL if bad. */
static unsigned char *
unb64url(struct mc_arena *a, const char *s, size_t n, size_t *outlen)
{
	unsigned char *out = mc_arena_alloc(a, n * 3 / 4 + 4);
	unsigned long  v = 0;
	size_t	       i, bits = 0, o = 0;
	int	       d;
	char	       ch;

	for (i = 0; i < n; i++) {
		ch = s[i];
		if (ch >= 'A' && ch <= 'Z')
			d = ch - 'A';
		else if (ch >= 'a' && ch <= 'z')
			d = ch - 'a' + 26;
		else if (ch >= '0' && ch <= '9')
			d = ch - '0' + 52;
		else if (ch == '-')
			d = 62;
		else if (ch == '_')
			d = 63;
		else
			return NULL;
		v = (v << 6 | (unsigned long)d) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (unsigned char)(v >> bits & 0xff);
		}
	}
	if (n % 4 == 1)
		return NULL;
	out[o] = '\0';
	*outlen = o;
	return out;
}

/* ------------------------------------------------------------ the flow */

/* A form value or query parameter, percent-encoded into the arena. */
static const char *
esc(struct mc_arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char		 *out = mc_arena_alloc(a, strlen(s) * 3 + 1), *p = out;

	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (isalnum(ch) || strchr("-._~", ch) != NULL)
			*p++ = (char)ch;
		else {
			*p++ = '%';
			*p++ = hex[ch >> 4];
			*p++ = hex[ch & 15];
		}
	}
	*p = '\0';
	return out;
}

static int
random_hex(char out[65])
{
	unsigned char raw[32];

	if (mc_random(raw, sizeof(raw)) < 0)
		return -1;
	mc_hex(out, raw, sizeof(raw));
	return 0;
}

int
mc_oidc_begin(struct mc_arena *a, const struct mc_oidc_conf *c,
    struct mc_oidc_flow *f, const char **url)
{
	unsigned char h[32];
	char	      challenge[64];

	if (random_hex(f->state) < 0 || random_hex(f->nonce) < 0 ||
	    random_hex(f->verifier) < 0 || discover(a, c) < 0)
		return -1;
	mc_sha256(h, f->verifier, strlen(f->verifier));
	b64url(challenge, h, sizeof(h));
	*url = mc_arena_printf(a,
	    "%s%cresponse_type=code&client_id=%s&redirect_uri=%s&scope=%s"
	    "&state=%s&nonce=%s&code_challenge=%s"
	    "&code_challenge_method=S256&acr_values=%s",
	    meta.authorize, strchr(meta.authorize, '?') ? '&' : '?',
	    esc(a, c->client_id), esc(a, c->redirect_uri), esc(a, c->scope),
	    f->state, f->nonce, challenge, esc(a, c->acr_values));
	return 0;
}

/* 1 if word is one of the space-separated words of list. */
static int
word_in(const char *word, const char *list)
{
	size_t	    n = strlen(word);
	const char *p;

	for (p = list; (p = strstr(p, word)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') &&
		    (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/* The RSA public key of a JWK (kty RSA, n, e); NULL if not one. */
static EVP_PKEY *
jwk_key(struct mc_arena *a, json_t *k)
{
	const char     *n = jget(a, k, "n"), *e = jget(a, k, "e");
	unsigned char  *nb, *eb;
	size_t		nl, el;
	BIGNUM	       *bn = NULL, *be = NULL;
	OSSL_PARAM_BLD *bld = NULL;
	OSSL_PARAM     *params = NULL;
	EVP_PKEY_CTX   *ctx = NULL;
	EVP_PKEY       *key = NULL;

	if (n == NULL || e == NULL ||
	    (nb = unb64url(a, n, strlen(n), &nl)) == NULL ||
	    (eb = unb64url(a, e, strlen(e), &el)) == NULL || nl < 256)
		return NULL; /* 2048 bits at least */
	if ((bn = BN_bin2bn(nb, (int)nl, NULL)) == NULL ||
	    (be = BN_bin2bn(eb, (int)el, NULL)) == NULL ||
	    (bld = OSSL_PARAM_BLD_new()) == NULL ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, be) ||
	    (params = OSSL_PARAM_BLD_to_param(bld)) == NULL ||
	    (ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL)) == NULL ||
	    EVP_PKEY_fromdata_init(ctx) <= 0 ||
	    EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) <= 0)
		key = NULL;
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	BN_free(bn);
	BN_free(be);
	return key;
}

/*
 * 1 if sig is a valid RS256 signature of data by the JWKS key kid (the one
 * RSA key when kid is NULL), 0 if not or no such key.
 */
static int
rs256_ok(struct mc_arena *a, const char *jwks_text, const char *kid,
    const char *data, size_t datalen, const unsigned char *sig, size_t siglen)
{
	json_t	   *j, *keys, *k;
	EVP_PKEY   *key = NULL;
	EVP_MD_CTX *md;
	size_t	    i, rsa = 0;
	const char *alg, *use, *kk;
	int	    ok = 0;

	if (jwks_text == NULL || (j = json_loads(jwks_text, 0, NULL)) == NULL)
		return 0;
	keys = json_object_get(j, "keys");
	json_array_foreach (keys, i, k) {
		alg = jget(a, k, "alg");
		use = jget(a, k, "use");
		kk = jget(a, k, "kid");
		if (jget(a, k, "kty") == NULL ||
		    strcmp(jget(a, k, "kty"), "RSA") != 0 ||
		    (alg != NULL && strcmp(alg, "RS256") != 0) ||
		    (use != NULL && strcmp(use, "sig") != 0))
			continue;
		rsa++;
		if (kid != NULL && (kk == NULL || strcmp(kk, kid) != 0))
			continue;
		if (key != NULL) { /* two keys match: none is chosen */
			EVP_PKEY_free(key);
			key = NULL;
			break;
		}
		key = jwk_key(a, k);
	}
	json_decref(j);
	if (key == NULL || (kid == NULL && rsa != 1)) {
		EVP_PKEY_free(key);
		return 0;
	}
	if ((md = EVP_MD_CTX_new()) != NULL &&
	    EVP_DigestVerifyInit(md, NULL, EVP_sha256(), NULL, key) == 1 &&
	    EVP_DigestVerify(md, sig, siglen, (const unsigned char *)data,
		datalen) == 1)
		ok = 1;
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(key);
	return ok;
}

/* 1 if the aud claim is the client id or an array holding it. */
static int
aud_ok(json_t *aud, const char *client_id)
{
	json_t *v;
	size_t	i;

	if (json_is_string(aud))
		return strcmp(json_string_value(aud), client_id) == 0;
	json_array_foreach (aud, i, v)
		if (json_is_string(v) &&
		    strcmp(json_string_value(v), client_id) == 0)
			return 1;
	return 0;
}

/* The checks of the claims after the signature; 0 or MC_OIDC_REFUSED. */
static int
claims_ok(struct mc_arena *a, const struct mc_oidc_conf *c, json_t *p,
    const char *nonce, time_t now, struct mc_oidc_claims *out)
{
	json_t	   *exp = json_object_get(p, "exp");
	json_t	   *iat = json_object_get(p, "iat");
	json_t	   *aud = json_object_get(p, "aud");
	const char *iss = jget(a, p, "iss"), *azp = jget(a, p, "azp");
	const char *n = jget(a, p, "nonce");
	const char *why = NULL;

	memset(out, 0, sizeof(*out));
	out->sub = jget(a, p, "sub");
	out->acr = jget(a, p, "acr");
	if (iss == NULL || strcmp(iss, c->issuer) != 0)
		why = "iss";
	else if (!aud_ok(aud, c->client_id) ||
	    (json_is_array(aud) && json_array_size(aud) > 1 && azp == NULL) ||
	    (azp != NULL && strcmp(azp, c->client_id) != 0))
		why = "aud";
	else if (!json_is_integer(exp) ||
	    (time_t)json_integer_value(exp) + SKEW < now)
		why = "exp";
	else if (json_is_integer(iat) &&
	    (time_t)json_integer_value(iat) > now + SKEW)
		why = "iat";
	else if (n == NULL || strlen(n) != strlen(nonce) ||
	    !mc_ct_equal(n, nonce, strlen(nonce)))
		why = "nonce";
	else if (out->sub == NULL || *out->sub == '\0')
		why = "sub";
	else if (out->acr == NULL || !word_in(out->acr, c->acr_values))
		why = "acr";
	if (why != NULL) {
		mc_warn("oidc: id_token refused (%s)", why);
		return MC_OIDC_REFUSED;
	}
	out->id_number = jget(a, p, c->id_claim);
	if (out->id_number != NULL && !mc_account_id_number_ok(out->id_number))
		out->id_number = NULL;
	out->name = jget(a, p, "name");
	out->email = jget(a, p, "email");
	out->phone = jget(a, p, "phone_number");
	if (out->phone != NULL && !mc_account_phone_ok(out->phone))
		out->phone = NULL;
	if (out->email != NULL &&
	    (strlen(out->email) > 254 || strchr(out->email, '@') == NULL))
		out->email = NULL;
	out->verified = out->id_number != NULL &&
	    word_in(out->acr, c->acr_verified);
	return 0;
}

int
mc_oidc_verify(struct mc_arena *a, const struct mc_oidc_conf *c,
    const char *jwt, const char *jwks_text, const char *nonce, time_t now,
    struct mc_oidc_claims *out)
{
	const char    *d1, *d2, *alg, *kid;
	unsigned char *hdr, *pay, *sig;
	size_t	       hl, pl, sl;
	json_t	      *h = NULL, *p = NULL;
	int	       rc = MC_OIDC_REFUSED;

	if (jwt == NULL || (d1 = strchr(jwt, '.')) == NULL ||
	    (d2 = strchr(d1 + 1, '.')) == NULL ||
	    strchr(d2 + 1, '.') != NULL ||
	    (hdr = unb64url(a, jwt, (size_t)(d1 - jwt), &hl)) == NULL ||
	    (pay = unb64url(a, d1 + 1, (size_t)(d2 - d1 - 1), &pl)) == NULL ||
	    (sig = unb64url(a, d2 + 1, strlen(d2 + 1), &sl)) == NULL ||
	    (h = json_loadb((const char *)hdr, hl, 0, NULL)) == NULL ||
	    (p = json_loadb((const char *)pay, pl, 0, NULL)) == NULL ||
	    !json_is_object(p))
		goto out;
	/* RS256 only: never "none", never HS* with a public key. */
	alg = jget(a, h, "alg");
	kid = jget(a, h, "kid");
	if (alg == NULL || strcmp(alg, "RS256") != 0) {
		mc_warn("oidc: id_token refused (alg)");
		goto out;
	}
	if (!rs256_ok(a, jwks_text, kid, jwt, (size_t)(d2 - jwt), sig, sl)) {
		mc_warn("oidc: id_token refused (signature)");
		goto out;
	}
	rc = claims_ok(a, c, p, nonce, now, out);
out:
	json_decref(h);
	json_decref(p);
	return rc;
}

int
mc_oidc_finish(struct mc_arena *a, const struct mc_oidc_conf *c,
    const char *code, const struct mc_oidc_flow *f, time_t now,
    struct mc_oidc_claims *out)
{
	const char *form, *body, *idt, *keys;
	json_t	   *j;
	int	    rc;

	if (discover(a, c) < 0)
		return -1;
	form = mc_arena_printf(a,
	    "grant_type=authorization_code&code=%s&redirect_uri=%s"
	    "&code_verifier=%s",
	    esc(a, code), esc(a, c->redirect_uri), f->verifier);
	if ((body = http(a, meta.token, form, c->client_id,
		 c->client_secret)) == NULL)
		return MC_OIDC_REFUSED; /* a used or forged code: 400 */
	if ((j = json_loads(body, 0, NULL)) == NULL)
		return MC_OIDC_REFUSED;
	idt = jget(a, j, "id_token");
	json_decref(j);
	if (idt == NULL)
		return MC_OIDC_REFUSED;
	if ((keys = jwks(a, 0)) == NULL)
		return -1;
	rc = mc_oidc_verify(a, c, idt, keys, f->nonce, now, out);
	if (rc == MC_OIDC_REFUSED) { /* a new key (rotation): once more */
		const char *again = jwks(a, 1);

		if (again != NULL && again != keys)
			rc = mc_oidc_verify(a, c, idt, again, f->nonce, now,
			    out);
	}
	return rc;
}

/* ------------------------------------------------------------ accounts */

struct link {
	struct mc_arena		    *a;
	const char		    *issuer;
	const struct mc_oidc_claims *cl;
	time_t			     now;
	long long		     id;
};

/* The id of a one-column lookup: 1, 0 none, -1 error. */
static int
lookup_id(struct mc_db *db, struct mc_arena *a, const char *sql,
    const char *types, const char *v1, const char *v2, long long *id)
{
	struct mc_rows rows;

	if (mc_db_query(db, a, &rows, sql, types, v1, v2) < 0)
		return -1;
	if (rows.n == 0)
		return 0;
	*id = mc_rows_int(&rows, 0, 0);
	return 1;
}

/* A new account from the claims (no password); its id or -1. */
static long long
account_new(struct mc_db *db, struct link *l)
{
	const struct mc_oidc_claims *cl = l->cl;
	const char		    *email = cl->email;
	char			     at[20];
	long long		     other;
	int			     rc;

	if (email != NULL) {
		rc = lookup_id(db, l->a, stmts[STMT_EMAIL], "s", email, NULL,
		    &other);
		if (rc < 0)
			return -1;
		if (rc == 1)
			email = NULL; /* taken: not vouched for, not ours */
	}
	mc_time_sql(at, l->now);
	if (mc_db_exec(db, stmts[STMT_NEW], "sssss", email, cl->id_number,
		cl->name != NULL && *cl->name != '\0' ? cl->name :
							"Người dùng VNeID",
		cl->phone, at) < 0)
		return -1;
	return (long long)mc_db_insert_id(db);
}

static int
link_tx(struct mc_db *db, void *arg)
{
	struct link		    *l = arg;
	const struct mc_oidc_claims *cl = l->cl;
	long long		     found = 0, holder = 0;
	char			     at[20];
	int			     has, rc;

	if ((has = lookup_id(db, l->a, stmts[STMT_IDENT], "ss", l->issuer,
		 cl->sub, &found)) < 0)
		return -1;
	if (cl->verified) {
		if ((rc = lookup_id(db, l->a, stmts[STMT_HOLDER], "s",
			 cl->id_number, NULL, &holder)) < 0)
			return -1;
		if (rc == 1) /* the person's verified account, however made */
			l->id = holder;
		else if (has) {
			l->id = found;
			if (mc_db_exec(db, stmts[STMT_SET_IDN], "si",
				cl->id_number, found) < 0)
				return -1;
		} else if ((l->id = account_new(db, l)) < 0)
			return -1;
		if (mc_auth_id_verify(db, l->a, l->id, cl->id_number,
			ID_PROOF_SSO) < 0)
			return -1;
	} else if (has)
		l->id = found;
	else if ((l->id = account_new(db, l)) < 0)
		return -1;
	mc_time_sql(at, l->now);
	if (mc_db_exec(db, stmts[STMT_PUT], "ssisssssss", l->issuer, cl->sub,
		l->id, cl->acr, cl->id_number, cl->name, cl->email, cl->phone,
		at, at) < 0)
		return -1;
	return has || holder ? 0 : mc_auth_grant(db, l->id, ROLE_CITIZEN, 0);
}

int
mc_oidc_account(struct mc_db *db, struct mc_arena *a, const char *issuer,
    const struct mc_oidc_claims *cl, time_t now, long long *account_id)
{
	struct link l = { a, issuer, cl, now, 0 };

	if (mc_db_tx(db, link_tx, &l) != 0)
		return -1;
	*account_id = l.id;
	return 0;
}
