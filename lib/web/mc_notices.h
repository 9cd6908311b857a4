/*
 * The notifications page that the portal (citizens) and the back office
 * (officers) both show: the user's unread notifications first, then the
 * latest read ones, and marking them read.
 */
#ifndef MC_NOTICES_H
#define MC_NOTICES_H

struct mc_request;

/*
 * Renders the logged-in user's notifications page found at base (e.g.
 * "/dich-vu/thong-bao"), with the navigation item nav and the title of the
 * language string title. Returns the HTTP status.
 */
int mc_notices_page(struct mc_request *, const char *base, const char *nav,
    const char *title);

/*
 * Marks read one notification (id) or all up to the newest one shown
 * (upto) of the user — only theirs — then redirects to base. id and upto
 * are the validated fields or NULL. Returns the HTTP status.
 */
int mc_notices_mark(struct mc_request *, const char *base, const char *id,
    const char *upto);

/*
 * The layout's part of every page of a logged-in user (not the API): the
 * number of unread notifications (User.Unread) and, for officers,
 * User.Officer. A program's before hook (struct mc_app) calls it.
 */
void mc_notices_layout(struct mc_request *);

#endif
