/*
 * Unit test of lib/domain/mc_eval's pure rules: indices 1-4 and 7 of
 * hand-worked dossiers (early, on time, late, with and without
 * supplements, inter-agency, a founded complaint), the legal mean to one
 * decimal and the total out of 18, Wilson intervals, and the answers'
 * checks (required questions, a reason for a low score), the league's
 * order and shared ranks. No database.
 */
#include <string.h>
#include <time.h>

#include "harness.h"
#include "mc_eval.h"
#include "mc_eval_self.h"

/* 2026-12-07 10:00 in Ho Chi Minh City (UTC+7), plus days and hours. */
static time_t
at(int days, int hours)
{
	return (time_t)1796612400 + (time_t)days * 86400 +
	    (time_t)hours * 3600;
}

static void
test_indices(void)
{
	struct mc_eval_trail t;
	int		     x[EI__MAX];

	/* Early: decided the day before its due day, every step early, online. */
	memset(&t, 0, sizeof(t));
	t.due = at(3, 0);
	t.finished = at(2, 0);
	t.steps_early = 4;
	t.online_in = t.online_out = 1;
	mc_eval_dossier_indices(&t, x);
	CHECK_INT(x[EI_1], 2);
	CHECK_INT(x[EI_2], 2);
	CHECK_INT(x[EI_3], 2);
	CHECK_INT(x[EI_4], 2);
	CHECK_INT(x[EI_7], 2);

	/* On time: decided on its due day (earlier hour), steps on time. */
	memset(&t, 0, sizeof(t));
	t.due = at(3, 6);
	t.finished = at(3, 0);
	t.steps_early = 2;
	t.steps_ontime = 2;
	mc_eval_dossier_indices(&t, x);
	CHECK_INT(x[EI_1], 1);
	CHECK_INT(x[EI_2], 1);
	CHECK_INT(x[EI_4], 1); /* at the counter: the one-stop section */
	CHECK_INT(x[EI_7], 1);

	/* Late by a day, one step late, one supplement during processing. */
	memset(&t, 0, sizeof(t));
	t.due = at(3, 0);
	t.finished = at(4, 0);
	t.steps_ontime = 3;
	t.steps_late = 1;
	t.supplements = 1;
	mc_eval_dossier_indices(&t, x);
	CHECK_INT(x[EI_1], 0);
	CHECK_INT(x[EI_2], 0);
	CHECK_INT(x[EI_3], 1);
	CHECK_INT(x[EI_4], 1); /* the section asked once more */
	CHECK_INT(x[EI_7], 1); /* late, but no founded complaint */

	/* Inter-agency with two supplement rounds, and a founded complaint. */
	memset(&t, 0, sizeof(t));
	t.due = at(10, 0);
	t.finished = at(5, 0);
	t.steps_early = 5;
	t.supplements = 2;
	t.asked_elsewhere = 1; /* one asked by the coordinating agency */
	t.complaints = 1;
	mc_eval_dossier_indices(&t, x);
	CHECK_INT(x[EI_1], 2);
	CHECK_INT(x[EI_3], 0);
	CHECK_INT(x[EI_4], 0);
	CHECK_INT(x[EI_7], 0);

	/*
	 * Index 3 counts only rounds not caused by the applicant: three
	 * requests, two of them for the applicant's missing or wrong papers,
	 * is one contact (1); both of two the applicant's, none (2); two of
	 * three the agency's, more than one (0).
	 */
	memset(&t, 0, sizeof(t));
	t.due = at(3, 0);
	t.finished = at(2, 0);
	t.steps_early = 3;
	t.supplements = 3;
	t.by_applicant = 2;
	mc_eval_dossier_indices(&t, x);
	CHECK_INT(x[EI_3], 1);
	t.supplements = 2;
	t.by_applicant = 2;
	mc_eval_dossier_indices(&t, x);
	CHECK_INT(x[EI_3], 2);
	t.supplements = 3;
	t.by_applicant = 1;
	mc_eval_dossier_indices(&t, x);
	CHECK_INT(x[EI_3], 0);
	t.by_applicant = 0; /* not said (before the mark, or by the API) */
	t.supplements = 1;
	mc_eval_dossier_indices(&t, x);
	CHECK_INT(x[EI_3], 1);

	/* Local days: 23:30 and 00:30 of the next day in UTC+7 differ. */
	memset(&t, 0, sizeof(t));
	t.due = (time_t)1796664600;	 /* 2026-12-08 00:30 +07 */
	t.finished = (time_t)1796657400; /* 2026-12-07 22:30 +07 */
	mc_eval_dossier_indices(&t, x);
	CHECK_INT(x[EI_1], 2);
	/* No clock (never accepted): equal. */
	memset(&t, 0, sizeof(t));
	mc_eval_dossier_indices(&t, x);
	CHECK_INT(x[EI_1], 1);
}

/*
 * Index 4, the agencies the applicant had to contact, on hand-worked
 * dossiers (the rule is in mc_eval.h): 2 none, 1 the one-stop section
 * only, 0 another agency too.
 */
static void
test_index4(void)
{
	struct mc_eval_trail t;
	int		     x[EI__MAX];

	/* Filed online, result online, nothing asked: no contact (2). */
	memset(&t, 0, sizeof(t));
	t.due = at(5, 0);
	t.finished = at(4, 0);
	t.steps_early = 3;
	t.online_in = t.online_out = 1;
	mc_eval_dossier_indices(&t, x);
	CHECK_INT(x[EI_4], 2);
	/* The same with the result sent by post: still none (2). */
	t.online_out = 0;
	t.post_out = 1;
	mc_eval_dossier_indices(&t, x);
	CHECK_INT(x[EI_4], 2);
	/*
	 * Its only supplement request was for the applicant's own missing
	 * paper: not a contact the agency caused, index 4 stays 2 (and index
	 * 3 too).
	 */
	t.supplements = 1;
	t.by_applicant = 1;
	mc_eval_dossier_indices(&t, x);
	CHECK_INT(x[EI_4], 2);
	CHECK_INT(x[EI_3], 2);
	/* A second request, the section's own error: the section (1). */
	t.supplements = 2;
	mc_eval_dossier_indices(&t, x);
	CHECK_INT(x[EI_4], 1);
	CHECK_INT(x[EI_3], 1);

	/* Filed online, result collected at the counter: the section (1). */
	memset(&t, 0, sizeof(t));
	t.online_in = 1;
	mc_eval_dossier_indices(&t, x);
	CHECK_INT(x[EI_4], 1);
	/* Filed at the counter, result online: the section (1). */
	memset(&t, 0, sizeof(t));
	t.online_out = 1;
	mc_eval_dossier_indices(&t, x);
	CHECK_INT(x[EI_4], 1);
	/* Filed by post (the postal service receives for the section), the
	 * result by post: the section (1). */
	t.online_out = 0;
	t.post_out = 1;
	mc_eval_dossier_indices(&t, x);
	CHECK_INT(x[EI_4], 1);
	/* Counter both ways with an inter-agency step that asked nothing of
	 * the applicant (agencies pass it among themselves): the section (1). */
	memset(&t, 0, sizeof(t));
	t.steps_early = 5;
	mc_eval_dossier_indices(&t, x);
	CHECK_INT(x[EI_4], 1);

	/*
	 * Filed and returned online, but the coordinating agency's step asked
	 * the applicant for a paper it should have found itself: another
	 * agency (0), however the request was carried.
	 */
	memset(&t, 0, sizeof(t));
	t.online_in = t.online_out = 1;
	t.supplements = 1;
	t.asked_elsewhere = 1;
	mc_eval_dossier_indices(&t, x);
	CHECK_INT(x[EI_4], 0);
	CHECK_INT(x[EI_3], 1);
	/* At the counter with two rounds, one the applicant's, one the
	 * other agency's: 0. */
	memset(&t, 0, sizeof(t));
	t.supplements = 2;
	t.by_applicant = 1;
	t.asked_elsewhere = 1;
	mc_eval_dossier_indices(&t, x);
	CHECK_INT(x[EI_4], 0);
}

static void
test_formula(void)
{
	struct mc_eval_score s;

	/* Means to one decimal, half up: 3/2 = 1.5, 4/3 = 1.3, 5/3 = 1.7. */
	CHECK_INT(mc_eval_mean_tenths(3, 2), 15);
	CHECK_INT(mc_eval_mean_tenths(4, 3), 13);
	CHECK_INT(mc_eval_mean_tenths(5, 3), 17);
	CHECK_INT(mc_eval_mean_tenths(1, 8), 1);  /* 0.125 -> 0.1 */
	CHECK_INT(mc_eval_mean_tenths(1, 20), 1); /* 0.05 -> 0.1 */
	CHECK_INT(mc_eval_mean_tenths(0, 4), 0);
	CHECK_INT(mc_eval_mean_tenths(8, 4), 20);
	CHECK_INT(mc_eval_mean_tenths(5, 0), -1);

	/* Three dossiers of the hand-worked kinds above (2,2,2,2,2),
	 * (1,1,2,1,1), (0,0,1,1,1): means 1.0 1.0 1.7 1.3 1.3. */
	memset(&s, 0, sizeof(s));
	s.dossiers = 3;
	s.sum[EI_1] = 3;
	s.sum[EI_2] = 3;
	s.sum[EI_3] = 5;
	s.sum[EI_4] = 4;
	s.sum[EI_7] = 4;
	/* Unit indices of these three: none decided at the section (5: 1),
	 * two of three procedures online (6: 1), no feedback (8: 2), one
	 * filed online and on time, a third (9: 1): 6.3 + 5 = 11.3. */
	s.online_proc = 2;
	s.online = 1;
	CHECK_INT(mc_eval_total_tenths(&s), 113);
	s.dossiers = 0;
	CHECK_INT(mc_eval_total_tenths(&s), -1);
}

/* Indices 5, 6, 8, 9 of a unit, and the bands. */
static void
test_unit(void)
{
	struct mc_eval_score s;
	struct mc_rows	     bands;
	const char *cells[] = { "16.0", "Xuất sắc", "Excellent", "14.0", "Tốt",
		"Good", "10.0", "Đạt", "Satisfactory", "0.0", "Chưa đạt",
		"Unsatisfactory" };
	int	    u[EU__MAX], lo, hi;

	memset(&s, 0, sizeof(s));
	mc_eval_unit_indices(&s, u);
	CHECK_INT(u[EU_5], -1); /* no dossier: not scored */

	/* Ten dossiers: four decided at the section; all procedures online;
	 * five filed online, none late; no feedback. */
	s.dossiers = 10;
	s.section = 4;
	s.online_proc = 10;
	s.online = 5;
	mc_eval_unit_indices(&s, u);
	CHECK_INT(u[EU_5], 2);
	CHECK_INT(u[EU_6], 2);
	CHECK_INT(u[EU_8], 2);
	CHECK_INT(u[EU_9], 2); /* 50 %: a high share */
	s.online = 4;	       /* 40 %: some */
	s.section = 0;	       /* all received there, none decided there */
	s.online_proc = 9;     /* one procedure only posted */
	mc_eval_unit_indices(&s, u);
	CHECK_INT(u[EU_5], 1);
	CHECK_INT(u[EU_6], 1);
	CHECK_INT(u[EU_9], 1);
	s.online_late = 1; /* an online dossier late */
	mc_eval_unit_indices(&s, u);
	CHECK_INT(u[EU_9], 0);
	s.online = s.online_late = 0; /* none online */
	mc_eval_unit_indices(&s, u);
	CHECK_INT(u[EU_9], 0);
	/* Feedback: 10 of which 1 late is 90 % on time (1); 2 late is 0. */
	s.feedback = 10;
	s.feedback_late = 1;
	mc_eval_unit_indices(&s, u);
	CHECK_INT(u[EU_8], 1);
	s.feedback_late = 2;
	mc_eval_unit_indices(&s, u);
	CHECK_INT(u[EU_8], 0);

	/* Bands, highest first: 16.0 and more is the first. */
	memset(&bands, 0, sizeof(bands));
	bands.n = 4;
	bands.ncols = 3;
	bands.v = cells;
	CHECK_INT(mc_eval_band(&bands, 180), 0);
	CHECK_INT(mc_eval_band(&bands, 160), 0);
	CHECK_INT(mc_eval_band(&bands, 159), 1);
	CHECK_INT(mc_eval_band(&bands, 140), 1);
	CHECK_INT(mc_eval_band(&bands, 113), 2);
	CHECK_INT(mc_eval_band(&bands, 99), 3);
	CHECK_INT(mc_eval_band(&bands, 0), 3);

	/* Wilson 95 %: 8 of 10 is 0.490-0.943; none of none is 0-1. */
	mc_eval_wilson(8, 10, &lo, &hi);
	CHECK_INT(lo, 490);
	CHECK_INT(hi, 943);
	mc_eval_wilson(0, 0, &lo, &hi);
	CHECK_INT(lo, 0);
	CHECK_INT(hi, 1000);
	mc_eval_wilson(10, 10, &lo, &hi);
	CHECK_INT(lo, 722);
	CHECK_INT(hi, 1000);
}

static void
test_check(void)
{
	struct mc_eval_form   f;
	struct mc_eval_rating r;
	size_t		      i;

	memset(&f, 0, sizeof(f));
	f.n = 3;
	f.q[0].kind = EVAL_SATISFACTION;
	f.q[1].kind = EVAL_SATISFACTION;
	f.q[2].kind = EVAL_INDEX;
	memset(&r, 0, sizeof(r));
	for (i = 0; i < EVAL_MAX_QUESTIONS; i++)
		r.score[i] = -1;
	CHECK_INT(mc_eval_check(&f, &r), EVAL_MISSING);
	r.score[0] = 2;
	CHECK_INT(mc_eval_check(&f, &r), EVAL_MISSING);
	r.score[1] = 1;
	CHECK_INT(mc_eval_check(&f, &r), 0); /* an index may be skipped */
	r.score[2] = 0;
	CHECK_INT(mc_eval_low(&f, &r), 1);
	CHECK_INT(mc_eval_check(&f, &r), EVAL_NEED_REASON);
	r.reason = "chậm";
	CHECK_INT(mc_eval_check(&f, &r), EVAL_NEED_REASON); /* 4 letters */
	r.reason = "chờ lâu";
	CHECK_INT(mc_eval_check(&f, &r), 0);
	r.score[1] = 3;
	CHECK_INT(mc_eval_check(&f, &r), EVAL_MISSING);
}

/* A league line: name, ranked, total, on-time rate and interval, adjusted
 * rate (per mille). */
static struct mc_eval_league
lg(const char *name, int ranked, int total, int rate, int lo, int hi,
    int adjusted)
{
	struct mc_eval_league l;

	memset(&l, 0, sizeof(l));
	l.s.name = name;
	l.ranked = ranked;
	l.total = total;
	l.tot_lo = l.tot_hi = total; /* no spread (see test_league_ties) */
	l.ontime_rate = rate;
	l.ot_lo = lo;
	l.ot_hi = hi;
	l.adjusted = adjusted;
	return l;
}

/*
 * The league's order and ranks: ranked lines first by total, tied totals
 * by name (no tie-break); equal totals share a rank and the next rank
 * skips; totals a tenth apart do not share; the on-time rank goes by the
 * on-time rate, shared while an interval overlaps that of its group's
 * first; lines under the minimum have no rank.
 */
static void
test_league(void)
{
	struct mc_eval_league l[6];

	l[0] = lg("Cao", 1, 110, 0, 0, 390, 0);		 /* late: 0 of 6 */
	l[1] = lg("Nhỏ", 0, 170, 1000, 342, 1000, 1000); /* 2 dossiers */
	l[2] = lg("Dê", 1, 120, 1000, 610, 1000, 900);
	l[3] = lg("Bê", 1, 120, 1000, 610, 1000, 900);
	l[4] = lg("An", 1, 170, 1000, 610, 1000, 900);
	l[5] = lg("Hà", 1, 115, 500, 188, 812, 1000); /* hard procedures */
	mc_eval_league_rank(l, 6);
	CHECK_STR(l[0].s.name, "An");
	CHECK_STR(l[1].s.name, "Bê"); /* equal totals: by name */
	CHECK_STR(l[2].s.name, "Dê");
	CHECK_STR(l[3].s.name, "Hà");
	CHECK_STR(l[4].s.name, "Cao");
	CHECK_STR(l[5].s.name, "Nhỏ"); /* unranked last, whatever its total */
	CHECK_INT(l[0].rank, 1);
	CHECK_INT(l[1].rank, 2);
	CHECK_INT(l[2].rank, 2); /* shared */
	CHECK_INT(l[3].rank, 4); /* the next skips */
	CHECK_INT(l[4].rank, 5);
	CHECK_INT(l[5].rank, 0);
	/* On time: An, Bê, Dê and Hà overlap An's interval; Cao does not. */
	CHECK_INT(l[0].ot_rank, 1);
	CHECK_INT(l[1].ot_rank, 1);
	CHECK_INT(l[2].ot_rank, 1);
	CHECK_INT(l[3].ot_rank, 1);
	CHECK_INT(l[4].ot_rank, 5);
	CHECK_INT(l[5].ot_rank, 0);

	/* Equal totals: listed by name whatever their rates, same rank. */
	l[0] = lg("B", 1, 150, 250, 100, 400, 950);
	l[1] = lg("A", 1, 150, 700, 500, 900, 700);
	mc_eval_league_rank(l, 2);
	CHECK_STR(l[0].s.name, "A");
	CHECK_INT(l[0].rank, 1);
	CHECK_INT(l[1].rank, 1);
	CHECK_INT(l[0].ot_rank, 1);
	CHECK_INT(l[1].ot_rank, 2); /* 100-400 does not overlap 500-900 */

	/*
	 * Totals a tenth apart (15.0 and 14.9) do not share a rank. The
	 * on-time rank follows the on-time rate, not the total: X leads on
	 * the total but is last on time.
	 */
	l[0] = lg("X", 1, 160, 300, 150, 500, 300);
	l[1] = lg("Q", 1, 149, 950, 800, 990, 950);
	l[2] = lg("Z", 1, 150, 940, 780, 990, 940);
	mc_eval_league_rank(l, 3);
	CHECK_STR(l[0].s.name, "X");
	CHECK_STR(l[1].s.name, "Z");
	CHECK_STR(l[2].s.name, "Q");
	CHECK_INT(l[0].rank, 1);
	CHECK_INT(l[1].rank, 2);
	CHECK_INT(l[2].rank, 3);
	CHECK_INT(l[2].ot_rank, 1); /* Q: the best rate */
	CHECK_INT(l[1].ot_rank, 1); /* Z overlaps Q */
	CHECK_INT(l[0].ot_rank, 3); /* X: 150-500, third on time */
}

/* A ranked league line with a total and its interval (tenths); on time
 * all alike. */
static struct mc_eval_league
lgi(const char *name, int total, int lo, int hi)
{
	struct mc_eval_league l = lg(name, 1, total, 900, 800, 950, 900);

	l.tot_lo = lo;
	l.tot_hi = hi;
	return l;
}

/*
 * The total's interval, worked by hand: six dossiers of an agency whose
 * unit indices score 8, three scoring 2+1+2+2+2 = 9 on indices 1-4 and 7
 * (online, early) and three 0+1+2+1+1 = 5 (at the counter, late).
 */
static void
test_total_interval(void)
{
	struct mc_eval_score s;
	int		     lo, hi;

	memset(&s, 0, sizeof(s));
	s.dossiers = 6;
	s.sum[EI_1] = 6;
	s.sum[EI_2] = 6;
	s.sum[EI_3] = 12;
	s.sum[EI_4] = 9;
	s.sum[EI_7] = 9;
	s.part_sum = 3 * 9 + 3 * 5;
	s.part_sq = 3 * 81 + 3 * 25;
	s.section = s.online_proc = 6;
	s.online = 3;
	CHECK_INT(mc_eval_total_tenths(&s), 150); /* 7.0 + 8 */
	/* sd^2 = (6 x 318 - 42^2) / (6 x 5) = 4.8; 1.96 sqrt(4.8 / 6) = 1.75 */
	mc_eval_total_interval(&s, &lo, &hi);
	CHECK_INT(lo, 132);
	CHECK_INT(hi, 168);

	/* No spread: six dossiers scoring 7 each (the same means): the total
	 * alone. */
	s.part_sum = 42;
	s.part_sq = 6 * 49;
	mc_eval_total_interval(&s, &lo, &hi);
	CHECK_INT(lo, 150);
	CHECK_INT(hi, 150);

	/* One dossier: nothing of its spread is known; the interval is all
	 * the part could be, 0 to 10 above the unit's 8. */
	s.dossiers = 1;
	s.sum[EI_1] = s.sum[EI_2] = s.sum[EI_3] = s.sum[EI_4] = 1;
	s.sum[EI_7] = 1;
	s.part_sum = 5;
	s.part_sq = 25;
	s.section = s.online_proc = s.online = 1;
	CHECK_INT(mc_eval_total_tenths(&s), 130);
	mc_eval_total_interval(&s, &lo, &hi);
	CHECK_INT(lo, 80);
	CHECK_INT(hi, 180);

	/* Two dossiers, 10 and 0: +- 9.8 points, kept within 8 to 18. */
	s.dossiers = 2;
	s.sum[EI_1] = s.sum[EI_2] = s.sum[EI_3] = s.sum[EI_4] = 2;
	s.sum[EI_7] = 2;
	s.part_sum = 10;
	s.part_sq = 100;
	s.section = s.online_proc = s.online = 2;
	CHECK_INT(mc_eval_total_tenths(&s), 130);
	mc_eval_total_interval(&s, &lo, &hi);
	CHECK_INT(lo, 80);
	CHECK_INT(hi, 180);

	/* No dossier: no total, no interval. */
	s.dossiers = 0;
	mc_eval_total_interval(&s, &lo, &hi);
	CHECK_INT(lo, -1);
	CHECK_INT(hi, -1);
}

/*
 * Ranks by the total shared where intervals overlap (the on-time rank's
 * rule, one function for both): with the first of the group, not with a
 * neighbour (no chains); equal totals always; far apart never.
 */
static void
test_league_ties(void)
{
	struct mc_eval_league l[6];
	struct mc_eval_score  one;

	/* 15.4 (14.7-16.1) and 15.0 (13.2-16.8) overlap: one rank. 17.0
	 * with no spread is clearly better, 12.0 clearly worse. */
	l[0] = lgi("Quận", 150, 132, 168);
	l[1] = lgi("Bến", 120, 120, 120);
	l[2] = lgi("Phố", 154, 147, 161);
	l[3] = lgi("An", 170, 170, 170);
	mc_eval_league_rank(l, 4);
	CHECK_STR(l[0].s.name, "An");
	CHECK_STR(l[1].s.name, "Phố");
	CHECK_STR(l[2].s.name, "Quận");
	CHECK_STR(l[3].s.name, "Bến");
	CHECK_INT(l[0].rank, 1);
	CHECK_INT(l[1].rank, 2);
	CHECK_INT(l[2].rank, 2); /* shared with Phố */
	CHECK_INT(l[3].rank, 4); /* 12.0 is under 13.2 */

	/*
	 * The leader, not the neighbour: M (15.0-15.8) overlaps L (15.5-
	 * 16.5); N (14.0-15.3) overlaps M but not L, and starts rank 3.
	 * Zero variance a tenth apart (O, P): apart.
	 */
	l[0] = lgi("N", 149, 140, 153);
	l[1] = lgi("L", 160, 155, 165);
	l[2] = lgi("M", 154, 150, 158);
	l[3] = lgi("O", 130, 130, 130);
	l[4] = lgi("P", 129, 129, 129);
	mc_eval_league_rank(l, 5);
	CHECK_STR(l[2].s.name, "N");
	CHECK_INT(l[0].rank, 1);
	CHECK_INT(l[1].rank, 1);
	CHECK_INT(l[2].rank, 3);
	CHECK_INT(l[3].rank, 4);
	CHECK_INT(l[4].rank, 5);

	/* Equal totals share even where the second misses the leader: E2
	 * (15.5, no spread) is under L's 15.8 but equals E1, in L's group. */
	l[0] = lgi("L", 160, 158, 162);
	l[1] = lgi("E2", 155, 155, 155);
	l[2] = lgi("E1", 155, 150, 160);
	l[3] = lgi("F", 150, 150, 150);
	mc_eval_league_rank(l, 4);
	CHECK_STR(l[1].s.name, "E1");
	CHECK_INT(l[0].rank, 1);
	CHECK_INT(l[1].rank, 1);
	CHECK_INT(l[2].rank, 1);
	CHECK_INT(l[3].rank, 4); /* 15.0 misses 15.8 */

	/* One dossier (n = 1): its interval is 8.0-18.0 (above), so it
	 * shares the rank of any leader whose interval reaches 8.0 or more;
	 * an unranked line takes no part. */
	memset(&one, 0, sizeof(one));
	one.dossiers = 1;
	one.sum[EI_1] = one.sum[EI_2] = one.sum[EI_3] = one.sum[EI_4] = 1;
	one.sum[EI_7] = 1;
	one.part_sum = 5;
	one.part_sq = 25;
	one.section = one.online_proc = one.online = 1;
	l[0] = lgi("Một", mc_eval_total_tenths(&one), 0, 0);
	mc_eval_total_interval(&one, &l[0].tot_lo, &l[0].tot_hi);
	l[1] = lgi("Nhiều", 170, 170, 170);
	l[2] = lg("Ít", 0, 175, 900, 800, 950, 900);
	l[3] = lgi("Thấp", 60, 60, 60);
	mc_eval_league_rank(l, 4);
	CHECK_STR(l[0].s.name, "Nhiều");
	CHECK_STR(l[1].s.name, "Một");
	CHECK_INT(l[1].total, 130);
	CHECK_INT(l[0].rank, 1);
	CHECK_INT(l[1].rank, 1); /* 8.0-18.0 reaches 17.0 */
	CHECK_INT(l[2].rank, 3); /* 6.0: under 17.0 */
	CHECK_INT(l[3].rank, 0); /* Ít: not ranked */
}

/*
 * Each table of the page is ranked on its own: the departments from 1,
 * the wards and communes from 1, whatever the other table's totals; a
 * ward's interval reaching a department's shares nothing with it.
 */
static void
test_league_tables(void)
{
	struct mc_eval_league l[4];

	l[0] = lg("Sở A", 1, 150, 900, 800, 950, 900);
	l[1] = lg("Phường B", 1, 170, 900, 800, 950, 900);
	l[2] = lg("Sở C", 1, 120, 500, 400, 600, 500);
	l[3] = lg("Phường D", 1, 149, 900, 800, 950, 900);
	l[0].kind = l[2].kind = "department";
	l[1].kind = l[3].kind = "ward";
	l[3].tot_lo = 140; /* reaches Sở A's 15.0, not Phường B's 17.0 */
	l[3].tot_hi = 160;
	mc_eval_league_rank(l, 4);
	CHECK_STR(l[0].s.name, "Phường B");
	CHECK_INT(l[0].rank, 1);
	CHECK_STR(l[1].s.name, "Sở A");
	CHECK_INT(l[1].rank, 1); /* the departments' first */
	CHECK_STR(l[2].s.name, "Phường D");
	CHECK_INT(l[2].rank, 2); /* after Phường B, not sharing Sở A's */
	CHECK_STR(l[3].s.name, "Sở C");
	CHECK_INT(l[3].rank, 2);
	CHECK_INT(l[1].ot_rank, 1);
	CHECK_INT(l[3].ot_rank, 2); /* 400-600 misses 800-950 */
	CHECK_INT(l[0].ot_rank, 1);
	CHECK_INT(l[2].ot_rank, 1);
}

/* Self-scores as typed, and their total. */
static void
test_self(void)
{
	int t[EVAL_SELF_N] = { 20, 15, 20, 10, 20, 20, 15, 20, 0 };

	CHECK_INT(mc_eval_self_parse("2"), 20);
	CHECK_INT(mc_eval_self_parse("1.5"), 15);
	CHECK_INT(mc_eval_self_parse("1,5"), 15);
	CHECK_INT(mc_eval_self_parse(" 0.0 "), 0);
	CHECK_INT(mc_eval_self_parse("2.0"), 20);
	CHECK_INT(mc_eval_self_parse("2.1"), -1);
	CHECK_INT(mc_eval_self_parse("2,5"), -1);
	CHECK_INT(mc_eval_self_parse("3"), -1);
	CHECK_INT(mc_eval_self_parse("-1"), -1);
	CHECK_INT(mc_eval_self_parse("1.25"), -1);
	CHECK_INT(mc_eval_self_parse("1."), -1);
	CHECK_INT(mc_eval_self_parse(""), -1);
	CHECK_INT(mc_eval_self_parse("abc"), -1);
	CHECK_INT(mc_eval_self_parse(NULL), -1);
	CHECK_INT(mc_eval_self_total(t), 140);
	t[8] = -1;
	CHECK_INT(mc_eval_self_total(t), -1);
}

/* The rules of a new questionnaire version (the editor's save). */
static void
test_form_check(void)
{
	static char	    longtext[600];
	struct mc_eval_form f;
	size_t		    bad;
	int		    l, k;

	memset(&f, 0, sizeof(f));
	CHECK_INT(mc_eval_form_check(&f, &bad), EVAL_FORM_TOO_MANY);
	f.n = 2;
	f.q[0].code = "overall";
	f.q[1].code = "x14";
	for (l = 0; l < 2; l++) {
		f.q[0].text[l] = f.q[1].text[l] = "Câu hỏi";
		for (k = 0; k < 3; k++)
			f.q[0].opt[l][k] = f.q[1].opt[l][k] = "Mức";
	}
	CHECK_INT(mc_eval_form_check(&f, &bad), 0);
	f.q[1].text[1] = "";
	CHECK_INT(mc_eval_form_check(&f, &bad), EVAL_FORM_EMPTY);
	CHECK_INT(bad, 1);
	memset(longtext, 'a', sizeof(longtext) - 1);
	f.q[1].text[1] = longtext;
	CHECK_INT(mc_eval_form_check(&f, &bad), EVAL_FORM_LONG);
	f.q[1].text[1] = "Question";
	f.q[1].opt[0][2] = NULL;
	CHECK_INT(mc_eval_form_check(&f, &bad), EVAL_FORM_EMPTY);
	f.q[1].opt[0][2] = "Mức";
	f.q[1].code = "overall";
	CHECK_INT(mc_eval_form_check(&f, &bad), EVAL_FORM_CODE);
	f.q[1].code = "x14";
	f.n = EVAL_MAX_QUESTIONS + 1;
	CHECK_INT(mc_eval_form_check(&f, &bad), EVAL_FORM_TOO_MANY);
	CHECK(strcmp(mc_eval_kind_name(EVAL_EXTRA), "extra") == 0);
	CHECK_INT(mc_eval_kind_parse("extra"), EVAL_EXTRA);
	CHECK_INT(mc_eval_kind_parse("index"), EVAL_INDEX);
	CHECK_INT(mc_eval_kind_parse("?"), EVAL_SATISFACTION);
}

int
main(void)
{
	test_indices();
	test_index4();
	test_formula();
	test_unit();
	test_check();
	test_league();
	test_total_interval();
	test_league_ties();
	test_league_tables();
	test_self();
	test_form_check();
	return DONE();
}
