/*
 * Conditions on workflow arrows (mc_cond.h): a recursive descent over the
 * text, bounded in length and depth, that checks and evaluates at once.
 */
#include <string.h>

#include "mc_arena.h"
#include "mc_cond.h"

struct cp {
	const char		 *s;
	size_t			  i, n;
	int			  depth;
	int			  bad;
	int			  decision; /* the decision was mentioned */
	const struct mc_cond_env *env;	    /* NULL: check only */
};

static int cp_or(struct cp *);

static void
blanks(struct cp *p)
{
	while (p->i < p->n &&
	    (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' ||
		p->s[p->i] == '\r'))
		p->i++;
}

/* Consumes the token t when it comes next; 1 if it did. */
static int
take(struct cp *p, const char *t)
{
	size_t n = strlen(t);

	blanks(p);
	if (p->n - p->i < n || memcmp(p->s + p->i, t, n) != 0)
		return 0;
	p->i += n;
	return 1;
}

static int
word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/* A whole word w (not the start of a longer one); 1 if taken. */
static int
take_word(struct cp *p, const char *w)
{
	size_t save = p->i, n = strlen(w);

	if (!take(p, w))
		return 0;
	if (p->i < p->n && word_char(p->s[p->i]) && w[n - 1] != '.') {
		p->i = save;
		return 0;
	}
	return 1;
}

/* A literal's text into out (NUL-terminated, at most max - 1 bytes). */
static int
literal(struct cp *p, char *out, size_t max)
{
	size_t o = 0;

	blanks(p);
	if (p->i < p->n && p->s[p->i] == '"') {
		for (p->i++; p->i < p->n && p->s[p->i] != '"'; p->i++) {
			if (p->s[p->i] == '\\' && p->i + 1 < p->n)
				p->i++;
			if (o + 1 >= max)
				return -1;
			out[o++] = p->s[p->i];
		}
		if (p->i >= p->n)
			return -1;
		p->i++;
		out[o] = '\0';
		return 0;
	}
	if (take_word(p, "true")) {
		memcpy(out, "true", 5);
		return 0;
	}
	if (take_word(p, "false")) {
		memcpy(out, "false", 6);
		return 0;
	}
	if (p->i < p->n && p->s[p->i] == '-')
		out[o++] = p->s[p->i++];
	if (p->i >= p->n || p->s[p->i] < '0' || p->s[p->i] > '9')
		return -1;
	while (p->i < p->n &&
	    ((p->s[p->i] >= '0' && p->s[p->i] <= '9') || p->s[p->i] == '.')) {
		if (o + 1 >= max)
			return -1;
		out[o++] = p->s[p->i++];
	}
	if (p->i < p->n && word_char(p->s[p->i]))
		return -1;
	out[o] = '\0';
	return 0;
}

/* operand ("==" | "!=") literal */
static int
cp_cmp(struct cp *p)
{
	char	    key[MC_COND_KEY_MAX + 1], lit[MC_COND_MAX + 1];
	const char *have = NULL;
	size_t	    k = 0;
	int	    eq, is_decision = 0;

	if (take_word(p, "decision"))
		is_decision = p->decision = 1;
	else if (take(p, "fields.")) {
		while (p->i < p->n && word_char(p->s[p->i]) &&
		    k < MC_COND_KEY_MAX)
			key[k++] = p->s[p->i++];
		if (k == 0 || (p->i < p->n && word_char(p->s[p->i])))
			return p->bad = 1, 0;
		key[k] = '\0';
	} else
		return p->bad = 1, 0;
	if (take(p, "=="))
		eq = 1;
	else if (take(p, "!="))
		eq = 0;
	else
		return p->bad = 1, 0;
	if (literal(p, lit, sizeof(lit)) < 0)
		return p->bad = 1, 0;
	if (p->env == NULL)
		return 0;
	if (is_decision)
		have = p->env->decision;
	else if (p->env->field != NULL)
		have = p->env->field(p->env->arg, key);
	return (have != NULL && strcmp(have, lit) == 0) == eq;
}

static int
cp_unary(struct cp *p)
{
	int v;

	if (++p->depth > MC_COND_DEPTH)
		return p->bad = 1, 0;
	if (take(p, "!")) {
		if (p->i < p->n && p->s[p->i] == '=')
			return p->bad = 1, 0;
		v = !cp_unary(p);
	} else if (take(p, "(")) {
		v = cp_or(p);
		if (!take(p, ")"))
			p->bad = 1;
	} else
		v = cp_cmp(p);
	p->depth--;
	return v;
}

static int
cp_and(struct cp *p)
{
	int v = cp_unary(p);

	while (!p->bad && take(p, "&&"))
		v = cp_unary(p) && v;
	return v;
}

static int
cp_or(struct cp *p)
{
	int v = cp_and(p);

	while (!p->bad && take(p, "||"))
		v = cp_and(p) || v;
	return v;
}

/* Parses (and evaluates when env) the whole of expr; -1 if not valid. */
static int
run(const char *expr, const struct mc_cond_env *env, int *decision)
{
	struct cp p;
	int	  v;

	if (expr == NULL)
		return -1;
	memset(&p, 0, sizeof(p));
	p.s = expr;
	p.n = strlen(expr);
	p.env = env;
	if (p.n == 0 || p.n > MC_COND_MAX)
		return -1;
	v = cp_or(&p);
	blanks(&p);
	if (p.bad || p.i != p.n)
		return -1;
	if (decision != NULL)
		*decision = p.decision;
	return v ? 1 : 0;
}

int
mc_cond_valid(const char *expr)
{
	return run(expr, NULL, NULL) >= 0;
}

int
mc_cond_eval(const char *expr, const struct mc_cond_env *env)
{
	static const struct mc_cond_env none = { NULL, NULL, NULL };

	return run(expr, env != NULL ? env : &none, NULL);
}

int
mc_cond_uses_decision(const char *expr)
{
	int d = 0;

	return run(expr, NULL, &d) >= 0 && d;
}

const char *
mc_cond_decision(struct mc_arena *a, const char *expr)
{
	struct cp p;
	char	  lit[MC_COND_MAX + 1];

	if (!mc_cond_valid(expr))
		return NULL;
	memset(&p, 0, sizeof(p));
	p.s = expr;
	p.n = strlen(expr);
	if (!take_word(&p, "decision") || !take(&p, "==") ||
	    literal(&p, lit, sizeof(lit)) < 0)
		return NULL;
	blanks(&p);
	return p.i == p.n ? mc_arena_strdup(a, lit) : NULL;
}
