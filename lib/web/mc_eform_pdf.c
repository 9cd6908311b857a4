/*
 * A dossier's declaration (tờ khai) as PDF (lib/web/mc_eform_page.h), in a
 * file of its own so that a program that draws e-forms without papers (the
 * API) does not link the PDF libraries.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_eform_page.h"
#include "mc_pdf.h"
#include "mc_util.h"
#include "mc_view.h"

int
mc_eform_page_pdf(struct mc_request *r, const struct mc_dossier *d)
{
	struct mc_eform	      f;
	struct mc_rows	      wards;
	struct mc_pdf	     *pdf;
	struct mc_pdf_heading h;
	struct mc_pdf_sig     sig;
	json_t		     *answers, *docs;
	enum mc_lang	      keep = r->lang;
	const char	     *n, *v;
	int		      rc, i;

	if ((rc = mc_eform_page_load(r, d, &f, &answers, &docs, &wards)) <= 0)
		return rc < 0 ? -1 : 1;
	r->lang = LANG_VI; /* the declaration is a Vietnamese paper */
	mc_eform_page_answers(r, "Pdf.Answers", &f, answers, docs, &wards,
	    NULL);
	r->lang = keep;
	json_decref(answers);
	json_decref(docs);
	pdf = mc_pdf_new(r->arena, "Tờ khai", 0);
	memset(&h, 0, sizeof(h));
	h.left[0] = d->agency_name;
	h.below[0] = d->code;
	h.country = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
	h.motto = "Độc lập - Tự do - Hạnh phúc";
	mc_pdf_heading(pdf, &h);
	mc_pdf_title(pdf, "TỜ KHAI", d->procedure_name);
	mc_pdf_field(pdf, "Mã hồ sơ", d->code);
	mc_pdf_field(pdf, "Người khai", d->name);
	mc_pdf_field(pdf, "Số định danh cá nhân", d->id_number);
	if ((v = d->address) != NULL)
		mc_pdf_field(pdf, "Địa chỉ", v);
	if ((v = d->phone) != NULL)
		mc_pdf_field(pdf, "Điện thoại", v);
	mc_pdf_space(pdf, 3);
	for (i = 0;; i++) {
		n = mc_arena_printf(r->arena, "Pdf.Answers.%d", i);
		if (hdf_get_obj(r->hdf, n) == NULL)
			break;
		v = hdf_get_valuef(r->hdf, "%s.value", n);
		if (hdf_get_valuef(r->hdf, "%s.section", n) != NULL)
			mc_pdf_para(pdf, MC_PDF_BOLD, MC_PDF_LEFT,
			    hdf_get_valuef(r->hdf, "%s.label", n));
		if (hdf_get_valuef(r->hdf, "%s.section", n) == NULL || v)
			mc_pdf_field(pdf,
			    hdf_get_valuef(r->hdf, "%s.label", n), v ? v : "");
	}
	if (f.ndocs > 0) {
		mc_pdf_para(pdf, MC_PDF_BOLD, MC_PDF_LEFT, "Giấy tờ kèm theo");
		for (i = 0; i < (int)f.ndocs; i++) {
			const char *files = "";
			int	    j;

			for (j = 0;; j++) {
				v = hdf_get_valuef(r->hdf,
				    "Pdf.Answers.Docs.%d.Files.%d.name", i, j);
				if (v == NULL)
					break;
				files = mc_arena_printf(r->arena, "%s%s%s",
				    files, j ? "; " : "", v);
			}
			if (*files != '\0')
				mc_pdf_field(pdf, f.docs[i].name, files);
		}
	}
	mc_pdf_space(pdf, 4);
	mc_pdf_para(pdf, MC_PDF_ITALIC, MC_PDF_JUSTIFY,
	    "Tôi cam đoan những thông tin đã khai là đúng sự thật và chịu "
	    "trách nhiệm trước pháp luật về lời khai của mình.");
	memset(&sig, 0, sizeof(sig));
	sig.role = "NGƯỜI KHAI";
	sig.note = "(đã nộp trực tuyến)";
	sig.name = d->name;
	mc_pdf_sign(pdf, &sig, 1);
	return mc_pdf_render(pdf, &r->out) < 0 ? -1 : 0;
}
