/*
 * The one-stop forms of Circular 01/2018/TT-VPCP (Annex II) as PDF, with
 * Ho Chi Minh City's additions: 01 receipt and appointment, 02 request to
 * complete a dossier, 03 refusal, 04 apology and new appointment, 05
 * processing control slip, 06 tracking book.
 *
 * Each form is a plain struct of strings (UTF-8, any characters: nothing is
 * interpreted as markup), times and arrays with their counts, filled by the
 * caller, and one function that appends the PDF to a struct buf. A NULL
 * or empty string prints as a dotted line to fill in by hand, or is left
 * out where the form says "if any". A time of 0 prints as dots; times show
 * in the process's local time zone (mc_config sets Asia/Ho_Chi_Minh).
 * The functions keep no pointer to the struct after they return.
 */
#ifndef MC_FORMS_H
#define MC_FORMS_H

#include <stddef.h>
#include <time.h>

struct buf;

/* Who issues a form and when: the national heading of every form. */
struct mc_form_head {
	const char *parent; /* governing body, e.g. "Ủy ban
					   nhân dân Thành phố Hồ Chí Minh" */
	const char *agency; /* issuing agency, e.g. "Sở Tư pháp" */
	const char *unit;   /* e.g. "Bộ phận tiếp nhận và trả kết
					   quả", or NULL */
	const char *number; /* printed "Số: <number>", or NULL */
	const char *place;  /* NULL: "Thành phố Hồ Chí Minh" */
	time_t	    date;   /* the day of the date line */
};

/* An applicant (citizen or organisation) or an authorised person. */
struct mc_form_person {
	const char *name;
	const char *id_number; /* personal identification number */
	const char *address;
	const char *phone;
	const char *email;
	int	    org; /* 1: an organisation, id_number its tax code */
};

/* A document handed in: its name, and how many originals and copies. */
struct mc_form_doc {
	const char  *name;
	unsigned int originals;
	unsigned int copies;
};

/* Form 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
struct mc_form01 {
	struct mc_form_head	  head;
	const char		 *code; /* dossier code */
	const char		 *unit; /* receiving unit named
							   in the text; NULL:
							   head.agency */
	struct mc_form_person	  applicant;
	struct mc_form_person	  authorised; /* name NULL: none */
	const char		 *matter;     /* the procedure */
	const struct mc_form_doc *docs;
	size_t			  ndocs;
	unsigned int		  sets;	      /* 0 prints as 1 */
	const char		 *legal_time; /* "15 ngày làm việc" */
	time_t			  received;
	time_t			  due;	      /* the appointment */
	const char		 *collect_at; /* where to collect */
	const char		 *book;	      /* book (quyển số) */
	const char		 *book_seq;   /* entry number in it */
	const char		 *officer;    /* receiving officer */
	const char		 *status_url; /* the QR code's URL */
};

/* A thing to complete or a reason, with its own reason or detail. */
struct mc_form_item {
	const char *what;
	const char *reason; /* NULL: none */
};

/* Form 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. */
struct mc_form02 {
	struct mc_form_head	   head;
	const char		  *code; /* NULL: none yet */
	struct mc_form_person	   applicant;
	const char		  *matter;
	const struct mc_form_item *items;
	size_t			   nitems;
	const struct mc_form_doc  *received; /* checked at intake; or NULL */
	size_t			   nreceived;
	const char		  *officer; /* who guides, signs */
	const char		  *officer_phone;
};

/* Form 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
struct mc_form03 {
	struct mc_form_head   head;
	const char	     *code; /* NULL: none given */
	const char	     *unit; /* NULL: head.agency */
	struct mc_form_person applicant;
	const char	     *matter;
	const char *const    *reasons;
	size_t		      nreasons;
	const char	     *officer;
};

/* Form 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả. */
struct mc_form04 {
	struct mc_form_head   head;
	const char	     *agency; /* who apologises;
							   NULL: head.agency */
	struct mc_form_person applicant;
	const char	     *code;
	const char	     *receipt_no;   /* HCMC: số biên nhận */
	const char	     *dossier_type; /* HCMC: loại hồ sơ */
	const char	     *status;	    /* HCMC: tình trạng */
	const char	     *matter;	    /* the procedure */
	time_t		      received;
	time_t		      due_old;
	const char	     *reason; /* why it is late */
	time_t		      due_new;
	const char	     *signer_role; /* NULL: "THỦ TRƯỞNG
							   CƠ QUAN" */
	const char	     *signer;
};

/* How a step or a dossier ended against its time limit. */
enum mc_form_timing {
	MC_FORM_TIMING_NONE, /* not finished: left blank */
	MC_FORM_TIMING_EARLY,
	MC_FORM_TIMING_ON_TIME,
	MC_FORM_TIMING_LATE
};

/* One hand-over of a dossier between units or officers (form 05). */
struct mc_form_handover {
	const char	   *step; /* unit and step */
	const char	   *giver;
	time_t		    given;
	const char	   *taker;
	time_t		    taken;
	enum mc_form_timing timing;
	const char	   *note;
};

/* Form 05: Phiếu kiểm soát quá trình giải quyết hồ sơ. */
struct mc_form05 {
	struct mc_form_head	       head;
	const char		      *code;
	struct mc_form_person	       applicant;
	const char		      *matter;
	const char		      *lead;	 /* agency in charge */
	const char		      *partners; /* NULL: none */
	time_t			       received;
	time_t			       due;
	const struct mc_form_handover *handovers;
	size_t			       nhandovers;
};

/* How a result went back to the applicant (form 06). */
enum mc_form_delivery {
	MC_FORM_DELIVERY_NONE, /* not yet returned */
	MC_FORM_DELIVERY_COUNTER,
	MC_FORM_DELIVERY_POST,
	MC_FORM_DELIVERY_ONLINE
};

/* One dossier in the tracking book. */
struct mc_form_book_row {
	const char	     *code;
	const char	     *procedure;
	const char	     *applicant;
	const char	     *agency; /* lead agency */
	time_t		      received;
	time_t		      due;
	time_t		      returned; /* 0: not yet */
	enum mc_form_delivery delivery;
};

/* Form 06: Sổ theo dõi hồ sơ, for one field and period (landscape). */
struct mc_form06 {
	struct mc_form_head	       head;
	const char		      *field; /* lĩnh vực */
	time_t			       from;
	time_t			       to;
	const char		      *book; /* or NULL */
	const struct mc_form_book_row *rows;
	size_t			       nrows;
};

/*
 * Each appends the form as a PDF (A4, pages numbered when more than one)
 * to out: 0, or -1 when rendering failed or out would pass its maximum
 * (out is then left as it was). Form 01 also fails when status_url is
 * missing or too long for a QR code (2 KB).
 */
int mc_form01_pdf(struct buf *out, const struct mc_form01 *);
int mc_form02_pdf(struct buf *out, const struct mc_form02 *);
int mc_form03_pdf(struct buf *out, const struct mc_form03 *);
int mc_form04_pdf(struct buf *out, const struct mc_form04 *);
int mc_form05_pdf(struct buf *out, const struct mc_form05 *);
int mc_form06_pdf(struct buf *out, const struct mc_form06 *);

#endif
