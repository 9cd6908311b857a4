/*
 * E-form pages: a form definition (lib/domain/mc_eform) drawn as HDF for
 * the templates (partials/eform.cs), the answers read back from a posted
 * page ("f.<key>", "f.<repeat>.<row>.<key>", "f.<address>.street|ward"),
 * field errors as the GOV.UK error summary and per field, the answers as a
 * labelled list (check-your-answers page, officers' dossier page) and as
 * the API's list of field errors.
 */
#ifndef MC_EFORM_PAGE_H
#define MC_EFORM_PAGE_H

#include <jansson.h>

#include "mc_eform.h"
#include "mc_http.h"

/*
 * The answers posted with the page, as typed (numbers stay text until
 * mc_eform_check types them), with a row added to the repeat named by the
 * "action" param "add:<key>" or removed by "remove:<key>.<row>". A new
 * object the caller decrefs.
 */
json_t *mc_eform_page_read(struct mc_request *, const struct mc_eform *);

/*
 * Fills Data.EForm.Items (what the template draws: sections, fields with
 * their value, options, help, condition and error, repeats with their
 * rows) and Data.EForm.Wards (the address fields' wards) in the page's
 * language. errs may be NULL.
 */
void mc_eform_page_model(struct mc_request *, const struct mc_eform *,
    json_t *answers, const struct mc_rows *wards,
    const struct mc_eform_error *errs, size_t nerr);

/*
 * Appends one error to the summary Data.EForm.Errors: href "#id", text
 * (already in the page's language).
 */
void mc_eform_page_error(struct mc_request *, const char *id,
    const char *text);

/* A field's label in the page's language (its key when it has none). */
const char *mc_eform_page_label(const struct mc_request *,
    const struct mc_eform_field *);

/* "The files of a dossier may hold together at most 50 MB", translated. */
const char *mc_eform_page_total_text(struct mc_request *);

/* An error's text in the page's language: "<label>: <what is wrong>". */
const char *mc_eform_page_error_text(struct mc_request *,
    const struct mc_eform_error *);

/* The summary for field errors (ids "f-<path>"). */
void mc_eform_page_errors(struct mc_request *, const struct mc_eform_error *,
    size_t n);

/*
 * The answers as a labelled list under name (e.g. "Data.Answers"):
 * .N.label, .value (text), .section (a heading row), .href (change link:
 * change_base + "#f-<path>", none when change_base is NULL), repeats as
 * numbered rows; the documents (JSON slot -> files) under name.Docs (each
 * file .name, .sha256, .size, .wallet when taken from the wallet).
 */
void mc_eform_page_answers(struct mc_request *, const char *name,
    const struct mc_eform *, json_t *answers, json_t *documents,
    const struct mc_rows *wards, const char *change_base);

/* The API's list: [{"field", "code", "message"}], a new array. */
json_t *mc_eform_page_errors_json(struct mc_request *,
    const struct mc_eform_error *, size_t n);

struct mc_dossier;

/*
 * Fills Data.Answers (mc_eform_page_answers, no change links) with the
 * answers the dossier was filed with, and Data.HasAnswers; nothing for a
 * dossier filed before e-forms. 0, or -1 on a database error.
 */
int mc_eform_page_dossier(struct mc_request *, const struct mc_dossier *);

/*
 * Loads a dossier's answers with the form they were filed with and the
 * wards (for the pages above and the PDF): 1 (answers and documents are
 * new JSON the caller decrefs), 0 none, -1 error.
 */
int mc_eform_page_load(struct mc_request *, const struct mc_dossier *,
    struct mc_eform *, json_t **answers, json_t **documents,
    struct mc_rows *wards);

/*
 * The dossier's declaration (tờ khai) as PDF into r->out (mc_eform_pdf.c:
 * the API does not link it): the national heading, the procedure, the applicant, each answer under its label (in
 * Vietnamese), the documents attached per slot, the applicant's signature
 * block. 0, 1 when the dossier has no answers, -1 on an error.
 */
int mc_eform_page_pdf(struct mc_request *, const struct mc_dossier *);

#endif
