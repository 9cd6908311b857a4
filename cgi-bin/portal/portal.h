/*
 * The modules of the portal program, each in a file of its own.
 */
#ifndef PORTAL_H
#define PORTAL_H

#include "mc_app.h"

struct mc_register;

/* search.c: the catalogue search page without JavaScript. */
extern const struct mc_module portal_search;

/* assistant.c: the assistant that answers from the catalogue. */
extern const struct mc_module portal_assistant;

/* dossier.c: a citizen's dossier: status, history, supplements, papers. */
extern const struct mc_module portal_dossier;

/* notifications.c: a citizen's notifications, marking them read. */
extern const struct mc_module portal_notifications;

/* eval.c: rating a returned dossier (inline, link, kiosk, tablet). */
extern const struct mc_module portal_eval;

/* account.c: one's account: password change, forgotten password reset. */
extern const struct mc_module portal_account;

/* mfa.c: officers' second factor: the code at login, enrolment. */
extern const struct mc_module portal_mfa;

struct mc_dossier;
struct mc_user;

/*
 * After the password (or single sign-on) of account id: when the account
 * has an authenticator, keeps the pending login in a signed cookie and
 * redirects to the code page (returns that status); 0 when no code is
 * needed (the caller opens the session); -1 on error.
 */
int portal_mfa_start(struct mc_request *, long long id, const char *next);

/*
 * Checks a new password against the rule (lib/domain/mc_password) for the
 * account u (may be NULL) and the nmore other values of the person (a form
 * being filled: name, ID number, e-mail, phone), and that pw2 repeats it;
 * bad: the field was refused (too long). 1 good; 0 not, with
 * Form.Errors.password set to the verdict ("short", "common", ...) or
 * Form.Errors.password2; -1 on error.
 */
int portal_password_check(struct mc_request *, const char *pw, int bad,
    const char *pw2, const struct mc_user *u, const char *const *more,
    size_t nmore);

/*
 * The questionnaire inline on a returned dossier's page for its applicant
 * (Data.Eval.*), or when it was rated (Data.Eval.Rated). 0 or -1.
 */
int portal_eval_dossier(struct mc_request *, const struct mc_dossier *);

/*
 * A field validator: a local path to return to after login or the second
 * factor, "/x", never "//host" (nor "/\t/x", which browsers read so).
 */
int portal_valid_next(const struct mc_param *);

/*
 * A field validator: an applicant's ID number (12 digits) or an
 * organisation's tax code (mc_account_tax_code), as the lookup and the
 * filing form take them.
 */
int portal_valid_applicant_id(const struct mc_param *);

/*
 * account.c: a citizen registered in one transaction (mc_verify_register:
 * the account, its role, the e-mail's link sent and the phone pending, in
 * the page's language); 0 (*id), VERIFY_E_TAKEN (an organisation's tax
 * code verified for another account: nothing stored) or -1.
 * portal_contacts_note: Data.Contacts.* of the logged-in user; 0 or -1.
 */
int portal_register(struct mc_request *, const struct mc_register *,
    long long *id);
int portal_contacts_note(struct mc_request *);

/* filing.c: filing online with the procedure's form, drafts, checking. */
extern const struct mc_module portal_filing;

/* feedback.c: feedback and complaints: send, my list, resolve, reopen. */
extern const struct mc_module portal_feedback;

/* wallet.c: "my documents": the citizen's filed files and results. */
extern const struct mc_module portal_wallet;

#endif
