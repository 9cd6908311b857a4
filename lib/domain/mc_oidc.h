/*
 * Single sign-on through the national portal's OpenID Connect provider
 * (VNeID / Cổng DVC quốc gia): the authorization code flow with PKCE,
 * state and nonce; the token endpoint over libcurl; the id_token checked
 * here (RS256 only, against the provider's JWKS with OpenSSL; iss, aud,
 * exp, nonce and acr); the account found, linked or created by the
 * verified ID number. The web layer keeps state, nonce and verifier in a
 * signed cookie (cgi-bin/portal).
 */
#ifndef MC_OIDC_H
#define MC_OIDC_H

#include <time.h>

struct mc_arena;
struct mc_db;

/*
 * The relying party's settings: config keys oidc_issuer, oidc_client_id,
 * oidc_client_secret, oidc_acr_values (space-separated, accepted levels),
 * oidc_acr_verified (the level that vouches for the ID number, default
 * LoA2), oidc_id_claim (the claim holding the ID number, default
 * so_dinh_danh), oidc_scope; or, when oidc_issuer is not set, the same keys
 * read from the file oidc_config_file (written by tools/oidc.sh for tests).
 */
struct mc_oidc_conf {
	const char *issuer;
	const char *client_id;
	const char *client_secret;
	const char *acr_values;
	const char *acr_verified;
	const char *id_claim;
	const char *scope;
	const char *redirect_uri; /* base_url + the callback path */
};

#define MC_OIDC_CALLBACK "/dich-vu/dang-nhap/sso/callback"

/* Fills *c (strings in the arena): 1 configured, 0 single sign-on off. */
int mc_oidc_conf(struct mc_arena *, struct mc_oidc_conf *c);

/* What the flow keeps between the redirect and the callback. */
struct mc_oidc_flow {
	char state[65];	   /* 64 hex */
	char nonce[65];	   /* 64 hex */
	char verifier[65]; /* the PKCE code verifier, 64 hex */
};

/*
 * Starts a login: new random state, nonce and verifier into *f, and the
 * provider's authorization URL (with the S256 code challenge) into *url.
 * 0, or -1 (the provider unreachable; logged).
 */
int mc_oidc_begin(struct mc_arena *, const struct mc_oidc_conf *,
    struct mc_oidc_flow *f, const char **url);

/* The claims of a checked id_token (strings in the arena, NULL if absent). */
struct mc_oidc_claims {
	const char *sub;
	const char *id_number;
	const char *name;
	const char *email;
	const char *phone;
	const char *acr;
	int	    verified; /* acr is the level that vouches for the ID */
};

#define MC_OIDC_REFUSED 1 /* a token or answer that does not check out */

/*
 * Exchanges the code (with the verifier) at the token endpoint and checks
 * the id_token: 0 and *out; MC_OIDC_REFUSED; -1 on error (logged).
 */
int mc_oidc_finish(struct mc_arena *, const struct mc_oidc_conf *,
    const char *code, const struct mc_oidc_flow *f, time_t now,
    struct mc_oidc_claims *out);

/*
 * Checks an id_token against a JWKS document (JSON text): RS256 only, the
 * key by kid, iss, aud (and azp), exp and iat (60 s of skew), nonce, acr
 * among the accepted levels. 0 and *out, or MC_OIDC_REFUSED.
 */
int mc_oidc_verify(struct mc_arena *, const struct mc_oidc_conf *,
    const char *jwt, const char *jwks, const char *nonce, time_t now,
    struct mc_oidc_claims *out);

/*
 * The account of a signed-in person: the one linked to (issuer, sub);
 * else, when the claims vouch for the ID number, that number's verified
 * account (a password account of the same person), linked now; else a new
 * account (its e-mail only if free; no password). Claims are recorded; a
 * vouched-for ID number makes the account verified (sso). One transaction.
 * 0 and *account_id, -1 on error.
 */
int mc_oidc_account(struct mc_db *, struct mc_arena *, const char *issuer,
    const struct mc_oidc_claims *, time_t now, long long *account_id);

#endif
