/*
 * Conditions on a workflow's arrows (exclusive gateways, issue 13): a
 * small language the designer writes in an arrow's condition and the
 * engine evaluates when a step is done. Read without allocating; nothing
 * in it runs anything.
 *
 *   cond    := and { "||" and }
 *   and     := unary { "&&" unary }
 *   unary   := "!" unary | "(" cond ")" | operand ( "==" | "!=" ) literal
 *   operand := "fields." key | "decision"
 *   literal := '"' text '"' | number | "true" | "false"
 *
 * key is letters, digits and '_' (at most MC_COND_KEY_MAX); a string
 * literal may escape '"' and '\' with '\'; blanks separate anything.
 */
#ifndef MC_COND_H
#define MC_COND_H

#include <stddef.h>

struct mc_arena;

#define MC_COND_MAX	500 /* bytes of a condition */
#define MC_COND_KEY_MAX 64
#define MC_COND_DEPTH	16 /* nested "(" and "!" */

/*
 * What a condition is evaluated against: field(arg, key) gives the text
 * of the form field key's answer (numbers as written, true/false), or
 * NULL when there is none (it then equals no literal); decision is the
 * officer's choice at the step just done, or NULL.
 */
struct mc_cond_env {
	const char *(*field)(void *arg, const char *key);
	void	   *arg;
	const char *decision;
};

/* 1 if expr is a condition of the language, 0 if not. */
int mc_cond_valid(const char *expr);

/* 1 if expr holds in env, 0 if not, -1 if it is not a condition. */
int mc_cond_eval(const char *expr, const struct mc_cond_env *env);

/* 1 if expr mentions the officer's decision, 0 if not (or not valid). */
int mc_cond_uses_decision(const char *expr);

/*
 * The value v when expr is exactly decision == "v" (an outcome to offer
 * the officer), in the arena; NULL otherwise.
 */
const char *mc_cond_decision(struct mc_arena *, const char *expr);

#endif
