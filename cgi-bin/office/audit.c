/*
 * The audit log in the back office: the entries the office writes (an
 * officer opening a dossier, exports, settings changed) and the admins'
 * audit page (/can-bo/quan-tri/nhat-ky): filters, pages, the chain's check,
 * CSV.
 */
#include <stdio.h>
#include <string.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_audit.h"
#include "mc_db.h"
#include "mc_dossier.h"

#include "office.h"

struct view_tx {
	struct mc_request	*r;
	const struct mc_dossier *d;
};

static int
view_tx(struct mc_db *db, void *arg)
{
	struct view_tx *v = arg;

	return mc_audit_dossier_write(db, AUDIT_DOSSIER_VIEW, v->r->user,
	    v->d->id, v->d->current_agency_id, v->d->agency_id, NULL,
	    v->r->remote_addr);
}

int
office_audit_view(struct mc_request *r, const struct mc_dossier *d)
{
	struct view_tx v = { r, d };

	return mc_db_tx(r->db, view_tx, &v) != 0 ? -1 : 0;
}

int
office_audit_write(struct mc_request *r, enum mc_audit_event ev,
    const char *subject, unsigned int agency)
{
	struct mc_audit	      e = { ev, r->user != NULL ? r->user->id : 0, 0,
		      subject, r->remote_addr };
	struct mc_audit_about ab = { 0, agency, NULL };

	return mc_audit_write_about(r->db, &e, &ab);
}

int
office_audit_log(struct mc_request *r, enum mc_audit_event ev,
    const char *subject, unsigned int agency)
{
	int rc;

	if (mc_db_begin(r->db) < 0)
		return -1;
	if ((rc = office_audit_write(r, ev, subject, agency)) < 0 ||
	    mc_db_commit(r->db) < 0) {
		mc_db_rollback(r->db);
		return -1;
	}
	return rc;
}
