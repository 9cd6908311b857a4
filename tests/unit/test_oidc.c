/*
 * mc_oidc_verify, the id_token checks of single sign-on, with tokens signed
 * here by the tests' fixed provider key (tools/oidc/test-signing-key.pem)
 * and a JWKS built from it: a good token passes; a changed payload, "none",
 * HS256, another key id, and a wrong iss, aud, azp, exp, nonce or acr are
 * refused; LoA1 passes without vouching for the ID number. No database.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include "harness.h"
#include "mc_arena.h"
#include "mc_oidc.h"

static EVP_PKEY *key;
static char	 jwks[2048];

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

/* The key of the test provider and its JWKS; 0 or -1. */
static int
load_key(void)
{
	const char   *top = getenv("TOP") ? getenv("TOP") : ".";
	char	      path[512], n64[600], e64[16];
	unsigned char nb[512], eb[8];
	BIGNUM	     *n = NULL, *e = NULL;
	FILE	     *f;
	int	      nl, el;

	snprintf(path, sizeof(path), "%s/tools/oidc/test-signing-key.pem",
	    top);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	key = PEM_read_PrivateKey(f, NULL, NULL, NULL);
	fclose(f);
	if (key == NULL ||
	    !EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &n) ||
	    !EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_E, &e))
		return -1;
	nl = BN_bn2bin(n, nb);
	el = BN_bn2bin(e, eb);
	b64url(n64, nb, (size_t)nl);
	b64url(e64, eb, (size_t)el);
	snprintf(jwks, sizeof(jwks),
	    "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\","
	    "\"kid\":\"motcua-test-2026\",\"n\":\"%s\",\"e\":\"%s\"}]}",
	    n64, e64);
	BN_free(n);
	BN_free(e);
	return 0;
}

/* header.payload.signature, RS256 by the test key (or alg as given). */
static const char *
token(struct mc_arena *a, const char *header, const char *payload)
{
	char	      h[512], p[2048], s[600], *data;
	unsigned char sig[512];
	size_t	      sl = sizeof(sig);
	EVP_MD_CTX   *md = EVP_MD_CTX_new();

	b64url(h, (const unsigned char *)header, strlen(header));
	b64url(p, (const unsigned char *)payload, strlen(payload));
	data = mc_arena_printf(a, "%s.%s", h, p);
	EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, key);
	EVP_DigestSign(md, sig, &sl, (unsigned char *)data, strlen(data));
	EVP_MD_CTX_free(md);
	b64url(s, sig, sl);
	return mc_arena_printf(a, "%s.%s", data, s);
}

static const char *
payload(struct mc_arena *a, const char *iss, const char *aud, long exp,
    const char *nonce, const char *acr)
{
	return mc_arena_printf(a,
	    "{\"iss\":\"%s\",\"aud\":%s,\"sub\":\"abc-1\",\"exp\":%ld,"
	    "\"iat\":%ld,\"nonce\":\"%s\",\"acr\":\"%s\","
	    "\"so_dinh_danh\":\"079190000001\",\"name\":\"Nguyễn Văn An\","
	    "\"email\":\"an@sso.test\",\"phone_number\":\"0901000001\"}",
	    iss, aud, exp, (long)time(NULL), nonce, acr);
}

#define HDR   "{\"alg\":\"RS256\",\"kid\":\"motcua-test-2026\"}"
#define ISS   "http://127.0.0.1:4444"
#define AUD   "\"motcua-test\""
#define NONCE "n0nce"

int
main(void)
{
	struct mc_arena	     *a = mc_arena_new(65536);
	struct mc_oidc_conf   c;
	struct mc_oidc_claims cl;
	time_t		      now = time(NULL);
	const char	     *good, *t;
	char		      hs[1024], mac64[64];
	unsigned char	      mac[32];
	unsigned int	      ml = sizeof(mac);

	if (load_key() < 0) {
		CHECK(
		    !"tools/oidc/test-signing-key.pem readable (run from the top folder or set TOP)");
		return DONE();
	}
	memset(&c, 0, sizeof(c));
	c.issuer = ISS;
	c.client_id = "motcua-test";
	c.acr_values = "LoA2 LoA1";
	c.acr_verified = "LoA2";
	c.id_claim = "so_dinh_danh";

	good = token(a, HDR, payload(a, ISS, AUD, now + 300, NONCE, "LoA2"));
	CHECK_INT(mc_oidc_verify(a, &c, good, jwks, NONCE, now, &cl), 0);
	CHECK_STR(cl.sub, "abc-1");
	CHECK_STR(cl.id_number, "079190000001");
	CHECK_STR(cl.name, "Nguyễn Văn An");
	CHECK_STR(cl.acr, "LoA2");
	CHECK_INT(cl.verified, 1);

	/* LoA1: accepted, the ID number not vouched for. */
	t = token(a, HDR, payload(a, ISS, AUD, now + 300, NONCE, "LoA1"));
	CHECK_INT(mc_oidc_verify(a, &c, t, jwks, NONCE, now, &cl), 0);
	CHECK_INT(cl.verified, 0);

	/* An audience array with this client and azp. */
	t = token(a, HDR,
	    mc_arena_printf(a, "%.*s,\"azp\":\"motcua-test\"}",
		(int)strlen(payload(a, ISS, "[\"motcua-test\",\"other\"]",
		    now + 300, NONCE, "LoA2")) -
		    1,
		payload(a, ISS, "[\"motcua-test\",\"other\"]", now + 300,
		    NONCE, "LoA2")));
	CHECK_INT(mc_oidc_verify(a, &c, t, jwks, NONCE, now, &cl), 0);

	/* The same token with one byte of its payload changed. */
	t = mc_arena_strdup(a, good);
	((char *)t)[strchr(t, '.') - t + 5] ^= 1;
	CHECK_INT(mc_oidc_verify(a, &c, t, jwks, NONCE, now, &cl),
	    MC_OIDC_REFUSED);
	/* Refused: wrong nonce, issuer, audience, expired, unknown level. */
	CHECK_INT(mc_oidc_verify(a, &c, good, jwks, "other", now, &cl),
	    MC_OIDC_REFUSED);
	t = token(a, HDR,
	    payload(a, "http://evil.test", AUD, now + 300, NONCE, "LoA2"));
	CHECK_INT(mc_oidc_verify(a, &c, t, jwks, NONCE, now, &cl),
	    MC_OIDC_REFUSED);
	t = token(a, HDR,
	    payload(a, ISS, "\"another-client\"", now + 300, NONCE, "LoA2"));
	CHECK_INT(mc_oidc_verify(a, &c, t, jwks, NONCE, now, &cl),
	    MC_OIDC_REFUSED);
	t = token(a, HDR, payload(a, ISS, AUD, now - 120, NONCE, "LoA2"));
	CHECK_INT(mc_oidc_verify(a, &c, t, jwks, NONCE, now, &cl),
	    MC_OIDC_REFUSED);
	t = token(a, HDR, payload(a, ISS, AUD, now + 300, NONCE, "LoA3"));
	CHECK_INT(mc_oidc_verify(a, &c, t, jwks, NONCE, now, &cl),
	    MC_OIDC_REFUSED);
	/* Another key id than the JWKS has. */
	t = token(a, "{\"alg\":\"RS256\",\"kid\":\"other\"}",
	    payload(a, ISS, AUD, now + 300, NONCE, "LoA2"));
	CHECK_INT(mc_oidc_verify(a, &c, t, jwks, NONCE, now, &cl),
	    MC_OIDC_REFUSED);
	/* "none": the good payload with no signature. */
	{
		char h[128];

		const char *none = "{\"alg\":\"none\"}";

		b64url(h, (const unsigned char *)none, strlen(none));
		t = mc_arena_printf(a, "%s.%.*s.", h,
		    (int)(strrchr(good, '.') - strchr(good, '.') - 1),
		    strchr(good, '.') + 1);
		CHECK_INT(mc_oidc_verify(a, &c, t, jwks, NONCE, now, &cl),
		    MC_OIDC_REFUSED);
	}
	/* HS256 keyed with the public JWKS text: never accepted. */
	{
		char h[128], *data;

		const char
		    *hdr = "{\"alg\":\"HS256\",\"kid\":\"motcua-test-2026\"}";

		b64url(h, (const unsigned char *)hdr, strlen(hdr));
		data = mc_arena_printf(a, "%s.%.*s", h,
		    (int)(strrchr(good, '.') - strchr(good, '.') - 1),
		    strchr(good, '.') + 1);
		HMAC(EVP_sha256(), jwks, (int)strlen(jwks),
		    (unsigned char *)data, strlen(data), mac, &ml);
		b64url(mac64, mac, ml);
		snprintf(hs, sizeof(hs), "%s.%s", data, mac64);
		CHECK_INT(mc_oidc_verify(a, &c, hs, jwks, NONCE, now, &cl),
		    MC_OIDC_REFUSED);
	}
	/* Not a JWT at all. */
	CHECK_INT(mc_oidc_verify(a, &c, "abc", jwks, NONCE, now, &cl),
	    MC_OIDC_REFUSED);
	EVP_PKEY_free(key);
	mc_arena_free(a);
	return DONE();
}
