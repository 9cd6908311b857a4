/*
 * The document wallet (issues 9 and 13): a citizen's documents are the
 * files of the dossiers their account filed and the results issued to them
 * once returned, listed once per content hash, each with where it comes
 * from; one may be hidden from the wallet (never deleted: dossiers keep
 * their files) and chosen for a new dossier's slot without uploading
 * again (the same stored file, the same hash). A document whose dossier
 * was filed on a procedure's own form carries that form's answers, which
 * a new dossier's form can be filled from (mc_eform_fill). Migration 0056.
 */
#ifndef MC_WALLET_H
#define MC_WALLET_H

#include <time.h>

struct mc_arena;
struct mc_db;
struct mc_rows;

/* A wallet row, in the statement's column order. */
enum mc_wallet_col {
	WAL_SHA256,
	WAL_KIND, /* "file" (filed with a dossier) or "result" (issued) */
	WAL_REF,  /* dossier_files.id or dossier_results.id */
	WAL_NAME, /* the file's name as first filed */
	WAL_MIME,
	WAL_SIZE,
	WAL_AT,	       /* when it was filed or issued */
	WAL_CODE,      /* the dossier's code */
	WAL_PROCEDURE, /* the dossier's procedure name */
	WAL_DOC,       /* the slot's document name it was filed as, or "" */
	WAL_ACTION,    /* a result's action (sign, return...), or "" */
	WAL_DOSSIER,   /* the dossier's id */
	WAL_DATA,      /* 1: the dossier's answers on a procedure's own form */
	WAL__MAX
};

/*
 * The account's wallet, newest first: rows of enum mc_wallet_col, one per
 * content hash (the first time it was filed or issued: its original name,
 * slot and dossier), the hidden ones left out, at most 500. 0/-1.
 */
int mc_wallet_list(struct mc_db *, struct mc_arena *, long long account,
    struct mc_rows *);

/* One document of a wallet, for attaching it to a new dossier. */
struct mc_wallet_doc {
	char	    sha256[65];
	const char *name;
	const char *mime;
	long long   size;
	const char *doc;  /* the document name it was filed as, or "" */
	const char *kind; /* "file" or "result" */
	const char *code; /* its dossier's code */
	long long   dossier_id;
	int	    data; /* 1: it carries its dossier's answers (WAL_DATA) */
};

/*
 * Whether sha256 is a document of the account's wallet (theirs and not
 * hidden): 1 with *d filled (arena), 0 when it is not (unknown, another
 * account's, hidden, not a hash), -1 on a database error. The one
 * ownership rule the filing form and the submission apply.
 */
int mc_wallet_find(struct mc_db *, struct mc_arena *, long long account,
    const char *sha256, struct mc_wallet_doc *d);

/*
 * Hides sha256 from the account's wallet as it stands at now (filed again
 * later, it shows again); deletes no file. 1 hidden, 0 not in the wallet,
 * -1 on a database error.
 */
int mc_wallet_hide(struct mc_db *, struct mc_arena *, long long account,
    const char *sha256, time_t now);

#endif
