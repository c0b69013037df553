/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The conformance checker (include/abi/checker.h). Each register of an answer falls in one of
 * three classes under the rule it went back under (abi/regs.c): a result register, whose content
 * the FF-A interface of the answer defines (defined registers may hold anything, the others are
 * MBZ); or a register the callee preserves, which includes x8-x17 of an SMC64 answer to a caller
 * below FF-A v1.2 (x0-x7 alone go back to it). A register breaks at most one rule: the first that
 * fails.
 */
#include "abi/checker.h"

#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include "abi/ffa.h"
#include "abi/ids.h"
#include "abi/table.h"

enum chk_rule {
	CHK_SMCCC_1_1_PRESERVE,
	CHK_SMC32_PRESERVE,
	CHK_PRESERVE_HIGH,
	CHK_SMC32_W_RESULT,
	CHK_PRE_1_2_X8_X17,
	CHK_VERSION_VALUE,
	CHK_VERSION_NOT_SUPPORTED_32,
	CHK_VERSION_MBZ,
	CHK_ERROR_MBZ,
	CHK_ERROR_CODE,
	CHK_SUCCESS_MBZ,
	CHK_DIRECT_MBZ,
	CHK_DIRECT_MATCH,
	CHK_DIRECT_IDS,
	CHK_ANSWER_MBZ,
	CHK_ANSWER_FUNCTION,
	CHK_RESULT_DROPPED,
	CHK_X0_RESULT_PRESERVE,
	CHK_RULE_COUNT
};

/*
 * Section numbers are given where they were confirmed against the spec text or sources citing
 * it; the other rules cite the interface or table by its title.
 */
#define CITE_SMCCC_REG_USE "SMCCC (DEN0028) \"Register use in AArch64 SMC and HVC calls\""
#define CITE_SMCCC_SMC32 "SMCCC (DEN0028) §2.6"
#define CITE_SMCCC_SMC64 "SMCCC (DEN0028) §2.7"
#define CITE_FFA_VERSION "FF-A v1.2 (DEN0077A) §13.2"
#define CITE_FFA_ERROR "FF-A v1.2 (DEN0077A) \"FFA_ERROR\""
#define CITE_FFA_SUCCESS "FF-A v1.2 (DEN0077A) \"FFA_SUCCESS\""
#define CITE_FFA_DIRECT "FF-A v1.2 (DEN0077A) §15.3, \"FFA_MSG_SEND_DIRECT_RESP2\""

static const struct ffa_check_rule chk_rules[CHK_RULE_COUNT] = {
	[CHK_SMCCC_1_1_PRESERVE] = {"smccc-1.1-preserve-x4-x17",
				    "an SMCCC v1.1 callee preserves x4-x17", CITE_SMCCC_REG_USE},
	[CHK_SMC32_PRESERVE] = {"smccc-smc32-preserve-x8-x17",
				"an SMC32 call from AArch64 preserves x8-x30", CITE_SMCCC_SMC32},
	[CHK_PRESERVE_HIGH] = {"smccc-preserve-x18-x30", "every SMC and HVC call preserves x18-x30",
			       "SMCCC (DEN0028) §2.6, §2.7"},
	[CHK_SMC32_W_RESULT] = {"smccc-smc32-w-result",
				"SMC32 results are 32-bit values in w0-w7, upper halves zero",
				CITE_SMCCC_SMC32},
	[CHK_PRE_1_2_X8_X17] =
		{"ffa-pre-1.2-x8-x17-preserved",
		 "x8-x17 of an SMC64 answer to a caller below FF-A v1.2 keep the "
		 "caller's values: x0-x7 alone go back to it, as TF-A's SPMD returns",
		 CITE_SMCCC_SMC64},
	[CHK_VERSION_VALUE] = {"ffa-version-value",
			       "FFA_VERSION answers a version with bit 31 clear or NOT_SUPPORTED",
			       CITE_FFA_VERSION},
	[CHK_VERSION_NOT_SUPPORTED_32] = {"ffa-version-not-supported-32bit",
					  "FFA_VERSION's NOT_SUPPORTED is the 32-bit value "
					  "0xffffffff, not sign-extended",
					  CITE_FFA_VERSION},
	[CHK_VERSION_MBZ] = {"ffa-version-mbz",
			     "FFA_VERSION answers in w0 alone, the other result registers are MBZ",
			     CITE_FFA_VERSION},
	[CHK_ERROR_MBZ] = {"ffa-error-mbz",
			   "FFA_ERROR result registers other than w2 (and a target in w1) are MBZ",
			   CITE_FFA_ERROR},
	[CHK_ERROR_CODE] = {"ffa-error-code", "FFA_ERROR carries a defined error code in w2",
			    CITE_FFA_ERROR},
	[CHK_SUCCESS_MBZ] = {"ffa-success-mbz",
			     "FFA_SUCCESS result registers not defined by the call are MBZ",
			     CITE_FFA_SUCCESS},
	[CHK_DIRECT_MBZ] = {"ffa-direct-mbz",
			    "direct message registers outside the payload are MBZ (x8-x17 after "
			    "a REQ/RESP pair)",
			    CITE_FFA_DIRECT},
	[CHK_DIRECT_MATCH] = {"ffa-direct-resp-match",
			      "DIRECT_REQ is answered by DIRECT_RESP and DIRECT_REQ2 by "
			      "DIRECT_RESP2",
			      CITE_FFA_DIRECT},
	[CHK_DIRECT_IDS] = {"ffa-direct-resp-ids",
			    "a direct response swaps the request's source and destination IDs",
			    CITE_FFA_DIRECT},
	[CHK_ANSWER_MBZ] = {"ffa-answer-mbz",
			    "registers the answering interface does not define are MBZ",
			    "FF-A v1.2 (DEN0077A), the answering interface's syntax table"},
	[CHK_ANSWER_FUNCTION] = {"ffa-answer-function",
				 "an FF-A call is answered by an FF-A function ID the caller's "
				 "version knows (FFA_SUCCESS, FFA_ERROR, ...)",
				 "FF-A v1.2 (DEN0077A) \"FFA_SUCCESS\", \"FFA_ERROR\""},
	[CHK_RESULT_DROPPED] =
		{"smccc-result-dropped",
		 "the callee answered in a register the SMCCC version's result "
		 "registers do not include (x0-x3 for v1.1), so the caller never sees "
		 "it",
		 CITE_SMCCC_REG_USE},
	[CHK_X0_RESULT_PRESERVE] = {"smccc-x0-result-preserve",
				    "PSCI, the SMCCC architecture calls and SMC_UNK answer in x0 "
				    "alone: x1-x17 keep the caller's values, result registers of "
				    "the SMCCC version or not",
				    "SMCCC (DEN0028) §7, PSCI (DEN0022) §5"},
};

#define CHK_BIT(i) (UINT32_C(1) << (i))
#define CHK_W_REGS 8 /* w0-w7: the SMC32 result registers */

/* The working state of one check. */
struct chk {
	const struct ffa_check_call *call;
	struct ffa_check_report *report;
	uint32_t flagged; /* registers that already broke a rule */
};

static unsigned chk_fnum(uint32_t fid)
{
	return fid & 0xffffu;
}

/* Whether two IDs name the same function, whatever their forms: chk_fnum(a) == FFA_FNUM(b). */
static bool chk_is(uint32_t fid, uint32_t named)
{
	return chk_fnum(fid) == FFA_FNUM(named);
}

static void chk_add(struct chk *c, enum chk_rule rule, int reg, bool has_expected,
		    uint64_t expected, uint64_t actual, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* The known deviation of the answering firmware that covers a rule broken in a register. */
static const struct ffa_deviation *chk_known(const struct chk *c, enum chk_rule rule, int reg)
{
	const struct ffa_deviations *d = c->call->rule.deviations;
	uint32_t fid = ffa_fid_strip_hint(c->call->fid);

	if (d == NULL || reg < 0 || reg >= FFA_REG_COUNT)
		return NULL;
	for (size_t i = 0; i < d->count; i++) {
		const struct ffa_deviation *k = &d->list[i];

		if ((k->fid == 0 || k->fid == fid) && strcmp(k->rule, chk_rules[rule].id) == 0 &&
		    (k->regs & CHK_BIT(reg)))
			return k;
	}
	return NULL;
}

static void chk_add(struct chk *c, enum chk_rule rule, int reg, bool has_expected,
		    uint64_t expected, uint64_t actual, const char *fmt, ...)
{
	struct ffa_check_report *r = c->report;
	const struct ffa_deviation *known = chk_known(c, rule, reg);
	struct ffa_check_violation *v;
	va_list ap;

	if (reg >= 0)
		c->flagged |= CHK_BIT(reg);
	if (r->count >= FFA_CHECK_MAX_VIOLATIONS)
		return;
	v = &r->violations[r->count++];
	v->rule = chk_rules[rule].id;
	v->why = chk_rules[rule].why;
	v->cite = chk_rules[rule].cite;
	v->reg = reg;
	v->has_expected = has_expected;
	v->expected = expected;
	v->actual = actual;
	v->known_who = known != NULL ? c->call->rule.deviations->who : NULL;
	v->known_what = known != NULL ? known->what : NULL;
	r->known += known != NULL;
	va_start(ap, fmt);
	vsnprintf(v->message, sizeof(v->message), fmt, ap);
	va_end(ap);
}

static bool chk_is_flagged(const struct chk *c, unsigned reg)
{
	return (c->flagged & CHK_BIT(reg)) != 0;
}

static void chk_mbz(struct chk *c, enum chk_rule rule, unsigned reg)
{
	uint64_t v = c->call->after[reg];

	if (v != 0)
		chk_add(c, rule, (int)reg, true, 0, v, "x%u must be zero, is 0x%" PRIx64, reg, v);
}

static void chk_preserved(struct chk *c, enum chk_rule rule, unsigned reg)
{
	uint64_t was = c->call->before[reg];
	uint64_t is = c->call->after[reg];

	if (was != is)
		chk_add(c, rule, (int)reg, true, was, is,
			"x%u must be preserved as 0x%" PRIx64 ", is 0x%" PRIx64, reg, was, is);
}

/*
 * The row of an FF-A function ID that can come back as an answer (the table's answers_call
 * column). NULL for anything else, including IDs with the SVE hint or bits above 31 set.
 */
static const struct ffa_func *chk_answer_row(uint64_t x0)
{
	const struct ffa_func *row;

	if ((x0 >> 32) != 0)
		return NULL;
	row = ffa_func_find((uint32_t)x0);
	if (row == NULL || row->fid != (uint32_t)x0 || !row->answers_call)
		return NULL;
	return row;
}

/*
 * Whether an FFA_ERROR answer to the call may name an endpoint and vCPU in w1 (the table's
 * error_names_target column, which FF-A states per function, whatever the form).
 */
static bool chk_error_target_allowed(uint32_t call_fid)
{
	const struct ffa_func *row = ffa_func_find_any_form(call_fid);

	return row != NULL && row->error_names_target;
}

/* FFA_VERSION: a bare version or NOT_SUPPORTED in w0, never a function ID. */
static void chk_version_x0(struct chk *c)
{
	uint64_t x0 = c->call->after[0];

	if (x0 == SMCCC_NOT_SUPPORTED)
		return;
	if ((uint32_t)x0 == SMCCC_NOT_SUPPORTED && (x0 >> 32) == UINT32_MAX) {
		/* pKVM's sign-extended form: ACS compares x0 with 0xffffffff and rejects it. */
		chk_add(c, CHK_VERSION_NOT_SUPPORTED_32, 0, true, SMCCC_NOT_SUPPORTED, x0,
			"x0 must be 0xffffffff (NOT_SUPPORTED as a 32-bit value), is 0x%" PRIx64,
			x0);
		return;
	}
	if ((x0 >> 32) != 0 || !ffa_version_valid((uint32_t)x0))
		chk_add(c, CHK_VERSION_VALUE, 0, false, 0, x0,
			"x0 must be a version with bit 31 clear or 0xffffffff, is 0x%" PRIx64, x0);
}

/*
 * The answer's function in x0: one that can answer a call, known to the caller's version, and
 * for direct requests the matching response. Returns the answer's row, or NULL when x0 is not
 * an answer the checker can read the other registers of.
 */
static const struct ffa_func *chk_answer_x0(struct chk *c, const struct ffa_func *call_row)
{
	const struct ffa_check_call *call = c->call;
	const struct ffa_func *ans = chk_answer_row(call->after[0]);
	uint32_t version = call->rule.ffa_version;
	unsigned want = 0;
	char a[48], b[24];

	if (ans == NULL) {
		chk_add(c, CHK_ANSWER_FUNCTION, 0, false, 0, call->after[0],
			"x0 0x%" PRIx64 " is not an FF-A function ID that answers a call",
			call->after[0]);
		return NULL;
	}
	if (version != 0 && ans->since > version) {
		chk_add(c, CHK_ANSWER_FUNCTION, 0, false, 0, call->after[0],
			"x0 %s needs FF-A %s, the caller negotiated %s", ans->name,
			ffa_version_format(ans->since, a, sizeof(a)),
			ffa_version_format(version, b, sizeof(b)));
		return ans;
	}
	if (call_row == NULL)
		return ans;
	if (chk_is(call_row->fid, FFA_MSG_SEND_DIRECT_REQ_32))
		want = FFA_FNUM(FFA_MSG_SEND_DIRECT_RESP_32);
	else if (chk_is(call_row->fid, FFA_MSG_SEND_DIRECT_REQ2_64))
		want = FFA_FNUM(FFA_MSG_SEND_DIRECT_RESP2_64);
	else
		return ans;
	/* The request failed, or the receiver was preempted or yielded: not a response. */
	if (chk_is(ans->fid, FFA_ERROR_32) || chk_is(ans->fid, FFA_INTERRUPT_32) ||
	    chk_is(ans->fid, FFA_YIELD_32))
		return ans;
	if (chk_fnum(ans->fid) != want) {
		/* The response in the request's own calling convention. */
		uint32_t expect = (call_row->fid & ~0xffffu) | want;

		chk_add(c, CHK_DIRECT_MATCH, 0, true, expect, call->after[0],
			"x0 must be %s, is %s", ffa_fid_describe(expect, a, sizeof(a)), ans->name);
		return ans;
	}
	return ans;
}

/* A direct response names the request's destination as its source and the other way round. */
static void chk_direct_ids(struct chk *c)
{
	uint64_t req = c->call->before[1];
	uint64_t want = ffa_msg_ids(ffa_msg_destination(req), ffa_msg_source(req));
	uint64_t got = c->call->after[1] & UINT32_MAX;

	if (got != want)
		chk_add(c, CHK_DIRECT_IDS, 1, true, want, c->call->after[1],
			"w1 must be 0x%08" PRIx64
			" (source and destination swapped), is 0x%" PRIx64,
			want, c->call->after[1]);
}

/*
 * The FF-A rules: x0, then the result registers against the interface of the answer. May add
 * registers to *results when a 64-bit answer carries payload beyond the call's convention (a
 * DIRECT_REQ2 delivered as the answer to a 32-bit FFA_MSG_WAIT).
 */
static void chk_ffa(struct chk *c, uint32_t fid, const struct ffa_func *call_row, uint32_t *results)
{
	const struct ffa_check_call *call = c->call;
	const struct ffa_func *ans = NULL;
	enum chk_rule mbz_rule;
	uint32_t defined;
	bool w_result;

	if (fid == FFA_VERSION) {
		chk_version_x0(c);
		defined = CHK_BIT(0);
		mbz_rule = CHK_VERSION_MBZ;
		w_result = true;
	} else {
		ans = chk_answer_x0(c, call_row);
		if (ans == NULL)
			return; /* the other registers cannot be read without knowing x0 */
		if (call->rule.smccc == FFA_SMCCC_1_2 && ffa_fid_is_smc64(ans->fid))
			*results |= ans->args & ffa_result_mask(call->rule, ans->fid);
		w_result = !ffa_fid_is_smc64(ans->fid);
		if (chk_is(ans->fid, FFA_SUCCESS_32)) {
			defined = call_row != NULL ? call_row->results : UINT32_MAX;
			mbz_rule = CHK_SUCCESS_MBZ;
		} else if (chk_is(ans->fid, FFA_ERROR_32)) {
			defined = CHK_BIT(0) | CHK_BIT(2);
			if (chk_error_target_allowed(fid))
				defined |= CHK_BIT(1);
			/* FF-A v1.2: RETRY from FFA_CONSOLE_LOG reports in w3 what was logged. */
			if ((int32_t)(uint32_t)call->after[2] == FFA_RETRY &&
			    chk_is(fid, FFA_CONSOLE_LOG_32))
				defined |= CHK_BIT(3);
			mbz_rule = CHK_ERROR_MBZ;
			if ((*results & CHK_BIT(2)) &&
			    ffa_error_name((int32_t)(uint32_t)call->after[2]) == NULL)
				chk_add(c, CHK_ERROR_CODE, 2, false, 0, call->after[2],
					"w2 0x%08" PRIx32 " is not an FF-A error code (-1 to -10)",
					(uint32_t)call->after[2]);
		} else if (chk_is(ans->fid, FFA_MSG_SEND_DIRECT_REQ_32) ||
			   chk_is(ans->fid, FFA_MSG_SEND_DIRECT_RESP_32) ||
			   chk_is(ans->fid, FFA_MSG_SEND_DIRECT_REQ2_64) ||
			   chk_is(ans->fid, FFA_MSG_SEND_DIRECT_RESP2_64)) {
			defined = ans->args;
			mbz_rule = CHK_DIRECT_MBZ;
		} else {
			defined = ans->args;
			mbz_rule = CHK_ANSWER_MBZ;
		}
		if (call_row != NULL &&
		    ((chk_is(call_row->fid, FFA_MSG_SEND_DIRECT_REQ_32) &&
		      chk_is(ans->fid, FFA_MSG_SEND_DIRECT_RESP_32)) ||
		     (chk_is(call_row->fid, FFA_MSG_SEND_DIRECT_REQ2_64) &&
		      chk_is(ans->fid, FFA_MSG_SEND_DIRECT_RESP2_64))) &&
		    (*results & CHK_BIT(1)) && !chk_is_flagged(c, 1))
			chk_direct_ids(c);
	}

	for (unsigned i = 1; i < FFA_CHECK_LOW_REG_COUNT; i++) {
		uint64_t v = call->after[i];

		if (!(*results & CHK_BIT(i)) || chk_is_flagged(c, i))
			continue;
		if (!(defined & CHK_BIT(i)))
			chk_mbz(c, mbz_rule, i);
		else if (w_result && i < CHK_W_REGS && (v >> 32) != 0)
			chk_add(c, CHK_SMC32_W_RESULT, (int)i, true, v & UINT32_MAX, v,
				"x%u must hold a 32-bit value, is 0x%" PRIx64, i, v);
	}
}

/*
 * Results the rule cannot carry: a callee's non-zero answer in a register the rule does not write
 * back (a partition's DIRECT_RESP payload in w4-w7 under SMCCC v1.1) is lost on the way back,
 * with nothing to tell the caller. x8-x17 kept for a caller below FF-A v1.2 are not reported:
 * the firmware returns x0-x7 alone to such a caller by design. Needs the answer before
 * write-back.
 */
static void chk_dropped(struct chk *c, uint32_t results, uint32_t kept)
{
	const struct ffa_check_call *call = c->call;
	char name[48];

	if (call->result == NULL)
		return;
	for (unsigned i = 1; i < FFA_CHECK_LOW_REG_COUNT; i++) {
		/* Zero, or the caller's own value: the callee left the register, it did not
		 * answer in it (TF-A writes x0 alone for SMCCC_VERSION and keeps the rest). */
		if ((results | kept) & CHK_BIT(i) || call->result[i] == 0 ||
		    call->result[i] == call->before[i])
			continue;
		chk_add(c, CHK_RESULT_DROPPED, (int)i, true, call->result[i], call->after[i],
			"x%u = 0x%" PRIx64 " of the %s answer was dropped: SMCCC v1.%u returns "
			"%s",
			i, call->result[i],
			ffa_fid_describe((uint32_t)call->result[0], name, sizeof(name)),
			call->rule.smccc == FFA_SMCCC_1_1 ? 1u : 2u,
			call->rule.smccc == FFA_SMCCC_1_1 ? "x0-x3 only" : "w0-w7 for SMC32");
	}
}

/* The SMCCC rules: registers the rule does not write keep the caller's values; x8-x17 kept for
 * a caller below FF-A v1.2 under the FF-A rule. */
static void chk_preservation(struct chk *c, uint32_t results, uint32_t kept)
{
	const struct ffa_check_call *call = c->call;
	enum chk_rule rule =
		call->rule.smccc == FFA_SMCCC_1_1 ? CHK_SMCCC_1_1_PRESERVE : CHK_SMC32_PRESERVE;
	/* A register the SMCCC version would make a result but the function does not (PSCI,
	 * the architecture calls, SMC_UNK: x0 alone) breaks the function's rule. */
	uint32_t version_results =
		ffa_smccc_result_mask(call->rule.smccc, ffa_fid_strip_hint(call->fid));

	for (unsigned i = 0; i < FFA_CHECK_LOW_REG_COUNT; i++) {
		if (chk_is_flagged(c, i))
			continue;
		if (kept & CHK_BIT(i))
			chk_preserved(c, CHK_PRE_1_2_X8_X17, i);
		else if (!(results & CHK_BIT(i)))
			chk_preserved(c,
				      results == CHK_BIT(0) && (version_results & CHK_BIT(i))
					      ? CHK_X0_RESULT_PRESERVE
					      : rule,
				      i);
	}
	if (!call->high_regs)
		return;
	for (unsigned i = FFA_CHECK_LOW_REG_COUNT; i < FFA_CHECK_REG_COUNT; i++)
		chk_preserved(c, CHK_PRESERVE_HIGH, i);
}

/* Orders the violations by register (stable), so that a report reads from x0 up. */
static void chk_sort(struct ffa_check_report *r)
{
	for (unsigned i = 1; i < r->count; i++) {
		struct ffa_check_violation v = r->violations[i];
		unsigned j = i;

		while (j > 0 && r->violations[j - 1].reg > v.reg) {
			r->violations[j] = r->violations[j - 1];
			j--;
		}
		r->violations[j] = v;
	}
}

unsigned ffa_check_answer(const struct ffa_check_call *call, struct ffa_check_report *report)
{
	return ffa_check_answer_row(call, ffa_func_find(call->fid), report);
}

/* Whether any register of mask is non-zero in regs (x0-x17). */
static bool chk_any_nonzero(const uint64_t *regs, uint32_t mask)
{
	for (; mask != 0; mask &= mask - 1) {
		if (regs[__builtin_ctz(mask)] != 0)
			return true;
	}
	return false;
}

/*
 * Whether every register of mask is the same in a and b: one memcmp for a run up to x17 (the
 * registers above a rule's results), else register by register.
 */
static bool chk_same(const uint64_t *a, const uint64_t *b, uint32_t mask)
{
	const uint32_t low = (UINT32_C(1) << FFA_CHECK_LOW_REG_COUNT) - 1;
	unsigned first;

	if (mask == 0)
		return true;
	first = (unsigned)__builtin_ctz(mask);
	if (mask == (low & ~((UINT32_C(1) << first) - 1)))
		return memcmp(a + first, b + first,
			      (FFA_CHECK_LOW_REG_COUNT - first) * sizeof(a[0])) == 0;
	for (; mask != 0; mask &= mask - 1) {
		unsigned i = (unsigned)__builtin_ctz(mask);

		if (a[i] != b[i])
			return false;
	}
	return true;
}

/*
 * The static half of chk_ffa's rules for an answer other than to FFA_VERSION and other than
 * FFA_ERROR (both go the full way): x0 an answer the caller's version knows, a direct request's
 * own response, and which result registers must be zero or 32-bit, into *plan. May add to
 * *results as chk_ffa does. False when the answer needs the full check.
 */
static bool chk_plan_ffa(struct ffa_check_plan *plan, const struct ffa_func *call_row,
			 uint32_t *results)
{
	const struct ffa_func *ans = chk_answer_row(plan->answer_x0);
	uint32_t version = plan->rule.ffa_version, defined, check;
	bool req = false, req2 = false;

	if (ans == NULL || chk_is(ans->fid, FFA_ERROR_32) || (version != 0 && ans->since > version))
		return false;
	if (call_row != NULL) {
		req = chk_is(call_row->fid, FFA_MSG_SEND_DIRECT_REQ_32);
		req2 = chk_is(call_row->fid, FFA_MSG_SEND_DIRECT_REQ2_64);
	}
	if (plan->rule.smccc == FFA_SMCCC_1_2 && ffa_fid_is_smc64(ans->fid))
		*results |= ans->args & ffa_result_mask(plan->rule, ans->fid);
	if ((req || req2) && !chk_is(ans->fid, FFA_INTERRUPT_32) &&
	    !chk_is(ans->fid, FFA_YIELD_32)) {
		if (chk_fnum(ans->fid) !=
		    FFA_FNUM(req ? FFA_MSG_SEND_DIRECT_RESP_32 : FFA_MSG_SEND_DIRECT_RESP2_64))
			return false;
		/* The responder's IDs: the request's, swapped. */
		plan->direct_ids = (*results & CHK_BIT(1)) != 0;
	}
	if (chk_is(ans->fid, FFA_SUCCESS_32))
		defined = call_row != NULL ? call_row->results : UINT32_MAX;
	else
		defined = ans->args;
	check = *results & ~CHK_BIT(0);
	plan->mbz |= check & ~defined;
	/* SMC32 results: w registers, upper halves zero. */
	if (!ffa_fid_is_smc64(ans->fid))
		plan->w_regs = check & defined & ((UINT32_C(1) << CHK_W_REGS) - 1);
	return true;
}

/*
 * Works out what the common case looks at for answers like call's (chk_plan_ffa and the
 * preservation rules): everything but the register values, which depends only on the plan's
 * key. plan->clean false: such answers go the full way (FFA_VERSION, FFA_ERROR, an answer the
 * caller's version does not know, a direct request's wrong response).
 */
static void chk_plan(struct ffa_check_plan *plan, const struct ffa_check_call *call,
		     const struct ffa_func *row, uint32_t fid)
{
	const uint32_t low = (UINT32_C(1) << FFA_CHECK_LOW_REG_COUNT) - 1;
	uint32_t conv = ffa_result_convention(call->rule, fid, call->after[0]);
	uint32_t results = ffa_result_mask(call->rule, conv);

	*plan = (struct ffa_check_plan){
		.valid = true,
		.fid = fid,
		.row = row,
		.answer_x0 = call->after[0],
		.rule = call->rule,
	};
	if (fid == FFA_VERSION)
		return;
	if (call->rule.unknown_function)
		results = CHK_BIT(0);
	else if (ffa_fid_is_ffa(fid) && !chk_plan_ffa(plan, row, &results))
		return;
	/* chk_preservation: every register but the results is the caller's. */
	plan->kept = low & ~results;
	plan->clean = true;
}

/* Whether plan was worked out for call's kind of answer (its key matches). */
static bool chk_plan_fits(const struct ffa_check_plan *plan, const struct ffa_check_call *call,
			  const struct ffa_func *row, uint32_t fid)
{
	const struct ffa_result_rule *a = &plan->rule, *b = &call->rule;

	return plan->valid && plan->fid == fid && plan->row == row &&
	       plan->answer_x0 == call->after[0] && a->smccc == b->smccc &&
	       a->ffa_version == b->ffa_version && a->unknown_function == b->unknown_function &&
	       a->spmd_return == b->spmd_return && a->deviations == b->deviations;
}

/*
 * The common case without a report: true when the answer breaks no rule, which the full check
 * would confirm with an empty report. It looks only at the registers the plan names (the
 * result registers' MBZ and width, the responder's IDs, a memcmp for the preserved run). False
 * means "look closer", not a violation: FFA_VERSION, FFA_ERROR answers, x18-x30 and anything
 * suspect go the full way.
 */
static bool chk_clean(const struct ffa_check_call *call, const struct ffa_check_plan *plan)
{
	if (!plan->clean || chk_any_nonzero(call->after, plan->mbz))
		return false;
	for (uint32_t m = plan->w_regs; m != 0; m &= m - 1) {
		if ((call->after[__builtin_ctz(m)] >> 32) != 0)
			return false;
	}
	if (plan->direct_ids &&
	    (call->after[1] & UINT32_MAX) != ffa_msg_ids(ffa_msg_destination(call->before[1]),
							 ffa_msg_source(call->before[1])))
		return false;
	if (!chk_same(call->after, call->before, plan->kept))
		return false;
	/* chk_dropped: nothing the callee answered outside the rule's registers but zero or the
	 * caller's own value. */
	if (call->result == NULL || chk_same(call->result, call->before, plan->kept & ~CHK_BIT(0)))
		return true;
	for (uint32_t m = plan->kept & ~CHK_BIT(0); m != 0; m &= m - 1) {
		unsigned i = (unsigned)__builtin_ctz(m);

		if (call->result[i] != 0 && call->result[i] != call->before[i])
			return false;
	}
	return true;
}

unsigned ffa_check_answer_row(const struct ffa_check_call *call, const struct ffa_func *row,
			      struct ffa_check_report *report)
{
	struct ffa_check_plan plan = {.valid = false};

	return ffa_check_answer_planned(call, row, &plan, report);
}

unsigned ffa_check_answer_planned(const struct ffa_check_call *call, const struct ffa_func *row,
				  struct ffa_check_plan *plan, struct ffa_check_report *report)
{
	uint32_t fid = ffa_fid_strip_hint(call->fid);
	uint32_t conv, results, kept;
	struct chk c = {.call = call, .report = report, .flagged = 0};

	report->fid = fid;
	report->conduit_known = call->conduit_known;
	report->conduit = call->conduit;
	report->count = 0;
	report->known = 0;
	if (!call->high_regs) {
		if (!chk_plan_fits(plan, call, row, fid))
			chk_plan(plan, call, row, fid);
		if (chk_clean(call, plan))
			return 0;
	}
	conv = ffa_result_convention(call->rule, fid, call->after[0]);
	results = ffa_result_mask(call->rule, conv);
	kept = ffa_result_kept_mask(call->rule, conv);
	/* SMC_UNK: x0 is SMCCC's -1 and the other registers stay; no FF-A rule applies. */
	if (call->rule.unknown_function)
		results = CHK_BIT(0);
	else if (ffa_fid_is_ffa(fid))
		chk_ffa(&c, fid, row, &results);
	chk_dropped(&c, results, kept);
	chk_preservation(&c, results, kept);
	chk_sort(report);
	return report->count;
}

const char *ffa_check_format(const struct ffa_check_report *report,
			     const struct ffa_check_violation *violation, char *buf, size_t size)
{
	char name[48];
	const char *via = "";
	size_t len;

	if (report->conduit_known)
		via = report->conduit == FFA_CONDUIT_HVC ? " (HVC)" : " (SMC)";
	snprintf(buf, size, "ffa-sim: conformance: %s%s answer: %s (%s: %s, %s)",
		 ffa_fid_describe(report->fid, name, sizeof(name)), via, violation->message,
		 violation->rule, violation->why, violation->cite);
	len = strlen(buf);
	if (violation->known_who != NULL && len < size)
		snprintf(buf + len, size - len, " [known deviation of %s: %s]",
			 violation->known_who, violation->known_what);
	return buf;
}

unsigned ffa_check_print(FILE *out, const struct ffa_check_report *report)
{
	char line[768];

	for (unsigned i = 0; i < report->count; i++)
		fprintf(out, "%s\n",
			ffa_check_format(report, &report->violations[i], line, sizeof(line)));
	return report->count;
}

size_t ffa_check_rule_count(void)
{
	return CHK_RULE_COUNT;
}

const struct ffa_check_rule *ffa_check_rule_at(size_t i)
{
	return i < CHK_RULE_COUNT ? &chk_rules[i] : NULL;
}

const struct ffa_check_rule *ffa_check_rule_find(const char *id)
{
	for (size_t i = 0; i < CHK_RULE_COUNT; i++) {
		if (strcmp(chk_rules[i].id, id) == 0)
			return &chk_rules[i];
	}
	return NULL;
}
