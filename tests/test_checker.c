/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The conformance checker (abi/checker.c): conforming answers pass, each kind of violating
 * answer is reported with its rule, register and spec section; and the trap-path observer
 * (emu_cpu_observe) sees every call of a real run with its answer.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/checker.h"
#include "abi/ffa.h"
#include "abi/ids.h"
#include "abi/table.h"
#include "helpers.h"

#define POISON 0xc5c5c5c5c5c5c5c5ull

#define HOST_ID 0x0000u
#define SP_ID 0x8001u

/* One call to check: x0-x30 before and after, and the rule. */
struct case_regs {
	uint64_t before[FFA_CHECK_REG_COUNT];
	uint64_t after[FFA_CHECK_REG_COUNT];
	struct ffa_check_call call;
	struct ffa_check_report report;
};

/*
 * A call with every register poisoned (distinct values per register) and the answer preserving
 * all of them: the test then writes the answer's registers. SMCCC 1.2, caller at FF-A v1.2.
 */
static void setup_call(struct case_regs *c, uint32_t fid)
{
	memset(c, 0, sizeof(*c));
	for (unsigned i = 0; i < FFA_CHECK_REG_COUNT; i++) {
		c->before[i] = POISON + i;
		c->after[i] = POISON + i;
	}
	c->before[0] = fid;
	c->call.fid = fid;
	c->call.before = c->before;
	c->call.after = c->after;
	c->call.high_regs = true;
	c->call.rule = (struct ffa_result_rule){FFA_SMCCC_1_2, FFA_VERSION_1_2};
}

/* The answer's result registers x0..last: value v0 in x0, zero in the others. */
static void answer(struct case_regs *c, unsigned last, uint64_t x0)
{
	for (unsigned i = 0; i <= last; i++)
		c->after[i] = 0;
	c->after[0] = x0;
}

static unsigned check(struct case_regs *c)
{
	return ffa_check_answer(&c->call, &c->report);
}

/* Prints the report (on failure it says what the checker found). */
static void show(const struct case_regs *c)
{
	ffa_check_print(stderr, &c->report);
}

static void expect_clean(struct case_regs *c)
{
	unsigned n = check(c);

	show(c);
	cr_assert_eq(n, 0, "%u violation(s), expected none", n);
}

/* Expects exactly one violation: rule, register and a citation containing cite. */
static const struct ffa_check_violation *expect_one(struct case_regs *c, const char *rule, int reg,
						    const char *cite)
{
	unsigned n = check(c);
	const struct ffa_check_violation *v = &c->report.violations[0];

	show(c);
	cr_assert_eq(n, 1, "%u violations, expected one (%s)", n, rule);
	cr_assert_str_eq(v->rule, rule);
	cr_assert_eq(v->reg, reg, "register x%d, expected x%d", v->reg, reg);
	cr_assert_not_null(strstr(v->cite, cite), "citation \"%s\" lacks \"%s\"", v->cite, cite);
	cr_assert_not_null(ffa_check_rule_find(v->rule));
	return v;
}

/* Conforming answers. */

/* FFA_FEATURES answered FFA_SUCCESS with w2/w3, x4-x7 zero, x8-x30 preserved: clean. */
Test(checker, features_success_clean)
{
	struct case_regs c;

	setup_call(&c, FFA_FEATURES);
	answer(&c, 7, FFA_SUCCESS_32);
	c.after[2] = 0x1;
	c.after[3] = 0x80000000u;
	expect_clean(&c);
}

/* FFA_VERSION answered with the callee's version, x1-x7 zero: clean. */
Test(checker, version_clean)
{
	struct case_regs c;

	setup_call(&c, FFA_VERSION);
	answer(&c, 7, FFA_VERSION_1_2);
	expect_clean(&c);
}

/* FFA_VERSION answered NOT_SUPPORTED as the 32-bit 0xffffffff: clean. */
Test(checker, version_not_supported_32bit_clean)
{
	struct case_regs c;

	setup_call(&c, FFA_VERSION);
	answer(&c, 7, 0xffffffffu);
	expect_clean(&c);
}

/* An SMC64 call answered FFA_ERROR with x3-x17 zero (SMCCC 1.2, v1.2 caller): clean. */
Test(checker, smc64_error_clean)
{
	struct case_regs c;

	setup_call(&c, FFA_RXTX_MAP_64);
	answer(&c, 17, FFA_ERROR_32);
	c.after[2] = (uint32_t)FFA_DENIED;
	expect_clean(&c);
}

/* An SMC32 answer to an SMC64 call is written in its own convention: w0-w7, x8-x17 kept, as
 * TF-A, OP-TEE and Hafnium answer; zeroing them breaks the SMC32 rule. */
Test(checker, smc32_answer_to_smc64_keeps_x8_x17)
{
	struct case_regs c;

	setup_call(&c, FFA_RXTX_MAP_64);
	c.call.rule.spmd_return = true;
	answer(&c, 17, FFA_ERROR_32);
	c.after[2] = (uint32_t)FFA_DENIED;
	c.after[9] = POISON + 9;
	c.after[10] = POISON + 10;
	c.after[11] = POISON + 11;
	c.after[12] = POISON + 12;
	c.after[13] = POISON + 13;
	c.after[14] = POISON + 14;
	c.after[15] = POISON + 15;
	c.after[16] = POISON + 16;
	c.after[17] = POISON + 17;
	expect_one(&c, "smccc-smc32-preserve-x8-x17", 8, "SMCCC (DEN0028) §2.6");
}

/* DIRECT_REQ_64 answered by DIRECT_RESP_64 with swapped IDs, x8-x17 zero: clean. */
Test(checker, direct_resp_clean)
{
	struct case_regs c;

	setup_call(&c, FFA_MSG_SEND_DIRECT_REQ_64);
	c.before[1] = ffa_msg_ids(HOST_ID, SP_ID);
	answer(&c, 17, FFA_MSG_SEND_DIRECT_RESP_64);
	c.after[1] = ffa_msg_ids(SP_ID, HOST_ID);
	c.after[3] = 0xdeadbeefcafef00dull;
	c.after[7] = 0x7;
	expect_clean(&c);
}

/* DIRECT_REQ2 answered by DIRECT_RESP2 with a full x4-x17 payload: clean. */
Test(checker, direct_resp2_clean)
{
	struct case_regs c;

	setup_call(&c, FFA_MSG_SEND_DIRECT_REQ2_64);
	c.before[1] = ffa_msg_ids(HOST_ID, SP_ID);
	answer(&c, 17, FFA_MSG_SEND_DIRECT_RESP2_64);
	c.after[1] = ffa_msg_ids(SP_ID, HOST_ID);
	for (unsigned i = 4; i < 18; i++)
		c.after[i] = 0x1000 + i;
	expect_clean(&c);
}

/* A 32-bit FFA_MSG_WAIT answered by a DIRECT_REQ2: its x4-x17 payload is not a leak. */
Test(checker, msg_wait_answered_by_req2_clean)
{
	struct case_regs c;

	setup_call(&c, FFA_MSG_WAIT_32);
	answer(&c, 17, FFA_MSG_SEND_DIRECT_REQ2_64);
	c.after[1] = ffa_msg_ids(HOST_ID, SP_ID);
	for (unsigned i = 2; i < 18; i++)
		c.after[i] = 0x2000 + i;
	expect_clean(&c);
}

/* Violations of one case as x0-x17 alone show them (high_regs false: the quick check first). */
static unsigned check_low(struct case_regs *c)
{
	struct case_regs low = *c;

	low.call.before = low.before;
	low.call.after = low.after;
	low.call.high_regs = false;
	return ffa_check_answer(&low.call, &low.report);
}

/* A direct request from the host to SP_ID answered by resp, x0..last the answer's registers. */
static void direct_case(struct case_regs *c, uint32_t req, uint32_t resp, unsigned last)
{
	setup_call(c, req);
	c->before[1] = ffa_msg_ids(HOST_ID, SP_ID);
	answer(c, last, resp);
	c->after[1] = ffa_msg_ids(SP_ID, HOST_ID);
}

/* Clean answers of several kinds, each to be broken one register at a time. */
static void clean_case(struct case_regs *c, unsigned kind, uint32_t version)
{
	switch (kind) {
	case 0: /* FFA_ID_GET: FFA_SUCCESS_32 with the ID in w2 */
		setup_call(c, FFA_ID_GET);
		answer(c, 7, FFA_SUCCESS_32);
		c->after[2] = HOST_ID;
		break;
	case 1: /* DIRECT_REQ2 answered by DIRECT_RESP2, payload in x4-x17 */
		direct_case(c, FFA_MSG_SEND_DIRECT_REQ2_64, FFA_MSG_SEND_DIRECT_RESP2_64, 17);
		for (unsigned i = 4; i < 18; i++)
			c->after[i] = 0x1000 + i;
		break;
	case 2: /* DIRECT_REQ_32 answered by DIRECT_RESP_32, payload in w3-w7 */
		direct_case(c, FFA_MSG_SEND_DIRECT_REQ_32, FFA_MSG_SEND_DIRECT_RESP_32, 7);
		c->after[3] = 0x33;
		break;
	case 3: /* DIRECT_REQ_64 answered by DIRECT_RESP_64: x8-x17 zero from v1.2, the caller's
		 * own below */
		direct_case(c, FFA_MSG_SEND_DIRECT_REQ_64, FFA_MSG_SEND_DIRECT_RESP_64,
			    version >= FFA_VERSION_1_2 ? 17 : 7);
		c->after[7] = 0x77;
		break;
	default: /* an unknown SMC32 function: SMC_UNK in x0, the rest kept */
		setup_call(c, 0x82000077u);
		c->after[0] = UINT64_MAX;
		c->call.rule.unknown_function = true;
		break;
	}
	c->call.rule.ffa_version = version;
	c->call.rule.spmd_return = true;
}

/* One broken form of a clean case: the case, its answer's result registers and the change. */
struct broken {
	struct case_regs c;
	uint64_t result[FFA_REG_COUNT];
	unsigned kind, reg, how;
	uint32_t version;
};

/* Makes the change b names: x<reg> flipped in its low or its high half, zeroed, or answered and
 * dropped (the callee's result differs where the rule does not carry it back). */
static void break_case(struct broken *b)
{
	if (b->how == 0)
		b->c.after[b->reg] ^= 1;
	else if (b->how == 1)
		b->c.after[b->reg] ^= UINT64_C(1) << 40;
	else if (b->how == 2)
		b->c.after[b->reg] = 0;
	else
		b->result[b->reg] ^= 0x10;
}

/*
 * Calls fn with each clean answer of clean_case's kinds and callers, and each register and
 * change of break_case, not yet broken (fn breaks it): the callee's result is the answer.
 */
static void for_each_broken(void (*fn)(struct broken *b, void *ctx), void *ctx)
{
	static const uint32_t versions[] = {FFA_VERSION_1_1, FFA_VERSION_1_2};

	for (unsigned kind = 0; kind < 5; kind++) {
		for (unsigned v = 0; v < 2; v++) {
			/* DIRECT_REQ2 is an FF-A v1.2 function. */
			if (kind == 1 && versions[v] < FFA_VERSION_1_2)
				continue;
			for (unsigned reg = 0; reg < FFA_REG_COUNT; reg++) {
				for (unsigned how = 0; how < 4; how++) {
					struct broken b = {.kind = kind,
							   .reg = reg,
							   .how = how,
							   .version = versions[v]};

					clean_case(&b.c, kind, versions[v]);
					memcpy(b.result, b.c.after, sizeof(b.result));
					b.c.call.result = b.result;
					fn(&b, ctx);
				}
			}
		}
	}
}

static void quick_against_full(struct broken *b, void *ctx)
{
	unsigned full, low;

	(void)ctx;
	if (b->reg == 0) {
		cr_assert_eq(check(&b->c), 0, "kind %u: not clean", b->kind);
		cr_assert_eq(check_low(&b->c), 0, "kind %u: low", b->kind);
	}
	break_case(b);
	full = check(&b->c);
	low = check_low(&b->c);
	cr_assert_eq(low, full,
		     "kind %u, version %#x, x%u, change %u: %u violation(s) from x0-x17, %u from "
		     "the full check",
		     b->kind, b->version, b->reg, b->how, low, full);
}

/*
 * The quick check of the common case agrees with the full one: for clean answers of several
 * kinds and callers, each register changed in its low or high half, or answered and dropped,
 * gives the same violations with x0-x17 alone as the full check of x0-x30 does.
 */
Test(checker, quick_check_agrees_with_full)
{
	for_each_broken(quick_against_full, NULL);
}

/* The same case through one plan kept across every case, as the trap path's checker keeps it. */
static unsigned check_planned(struct case_regs *c, struct ffa_check_plan *plan)
{
	struct case_regs low = *c;

	low.call.before = low.before;
	low.call.after = low.after;
	low.call.high_regs = false;
	return ffa_check_answer_planned(&low.call, ffa_func_find(low.call.fid), plan, &low.report);
}

static void kept_against_fresh(struct broken *b, void *ctx)
{
	struct ffa_check_plan *plan = ctx;
	unsigned fresh, kept;

	cr_assert_eq(check_planned(&b->c, plan), 0, "kind %u: not clean", b->kind);
	break_case(b);
	fresh = check_low(&b->c);
	kept = check_planned(&b->c, plan);
	cr_assert_eq(kept, fresh,
		     "kind %u, version %#x, x%u, change %u: %u violation(s) with the kept plan, "
		     "%u without",
		     b->kind, b->version, b->reg, b->how, kept, fresh);
}

/*
 * A plan kept between calls changes no verdict: the clean answers and each of their broken
 * forms (the quick check's matrix above) checked one after the other through one plan, the
 * clean form first so that its plan is the one the broken form finds, give what the check
 * without a plan gives.
 */
Test(checker, kept_plan_agrees_with_fresh_check)
{
	struct ffa_check_plan plan = {.valid = false};

	for_each_broken(kept_against_fresh, &plan);
}

/* An SMC64 answer to an FF-A v1.1 caller with x8-x17 as the caller had them: clean. */
Test(checker, pre_1_2_smc64_clean)
{
	struct case_regs c;

	setup_call(&c, FFA_MSG_SEND_DIRECT_REQ_64);
	c.call.rule.ffa_version = FFA_VERSION_1_1;
	c.call.rule.spmd_return = true;
	c.before[1] = ffa_msg_ids(HOST_ID, SP_ID);
	answer(&c, 7, FFA_MSG_SEND_DIRECT_RESP_64);
	c.after[1] = ffa_msg_ids(SP_ID, HOST_ID);
	expect_clean(&c);
}

/* SMCCC_VERSION answers in x0 alone: x1-x30 preserved is clean; a value in x5 is not (the
 * function returns w0 only, whatever SMCCC 1.2 allows an SMC32 call). */
Test(checker, smccc_call_only_preservation)
{
	struct case_regs c;

	setup_call(&c, SMCCC_VERSION);
	c.call.rule.ffa_version = 0;
	answer(&c, 0, SMCCC_VERSION_1_2);
	expect_clean(&c);
	c.after[5] = 0x55;
	expect_one(&c, "smccc-x0-result-preserve", 5, "SMCCC (DEN0028) §7");
}

/* The SVE hint bit in the called function ID is ignored. */
Test(checker, sve_hint_ignored)
{
	struct case_regs c;

	setup_call(&c, FFA_ID_GET | FFA_FID_SVE_HINT_BIT);
	answer(&c, 7, FFA_SUCCESS_32);
	c.after[2] = SP_ID;
	expect_clean(&c);
	cr_assert_eq(c.report.fid, FFA_ID_GET);
}

/* Under SMCCC 1.1 a stale x4 (the caller's value) is what the rule asks for: clean. */
Test(checker, smccc_1_1_stale_x4_clean)
{
	struct case_regs c;

	setup_call(&c, FFA_FEATURES);
	c.call.rule.smccc = FFA_SMCCC_1_1;
	answer(&c, 3, FFA_SUCCESS_32);
	expect_clean(&c);
}

/* FFA_VERSION. */

/* A sign-extended NOT_SUPPORTED (as pKVM answers) is rejected, as ACS does. */
Test(checker, version_not_supported_sign_extended)
{
	struct case_regs c;
	const struct ffa_check_violation *v;

	setup_call(&c, FFA_VERSION);
	answer(&c, 7, 0xffffffffffffffffull);
	v = expect_one(&c, "ffa-version-not-supported-32bit", 0, "FF-A v1.2 (DEN0077A) §13.2");
	cr_assert(v->has_expected);
	cr_assert_eq(v->expected, 0xffffffffu);
	cr_assert_eq(v->actual, 0xffffffffffffffffull);
}

/* An FFA_ERROR frame in answer to FFA_VERSION is not a version (bit 31 set). */
Test(checker, version_answered_with_error_frame)
{
	struct case_regs c;

	setup_call(&c, FFA_VERSION);
	answer(&c, 7, FFA_ERROR_32);
	expect_one(&c, "ffa-version-value", 0, "§13.2");
}

/* FFA_VERSION answers in w0 alone: x1 set is reported. */
Test(checker, version_x1_set)
{
	struct case_regs c;

	setup_call(&c, FFA_VERSION);
	answer(&c, 7, FFA_VERSION_1_2);
	c.after[1] = FFA_VERSION_1_1;
	expect_one(&c, "ffa-version-mbz", 1, "§13.2");
}

/* SMCCC preservation. */

/* A leaked x8 in an SMC32 answer: x8-x30 are preserved. */
Test(checker, smc32_leaked_x8)
{
	struct case_regs c;
	const struct ffa_check_violation *v;

	setup_call(&c, FFA_ID_GET);
	answer(&c, 7, FFA_SUCCESS_32);
	c.after[8] = 0x8008;
	v = expect_one(&c, "smccc-smc32-preserve-x8-x17", 8, "SMCCC (DEN0028) §2.6");
	cr_assert_eq(v->expected, POISON + 8);
	cr_assert_eq(v->actual, 0x8008);
}

/* Under SMCCC 1.1 the callee preserves x4-x17: a clobbered x4 is reported. */
Test(checker, smccc_1_1_clobbered_x4)
{
	struct case_regs c;

	setup_call(&c, FFA_FEATURES);
	c.call.rule.smccc = FFA_SMCCC_1_1;
	answer(&c, 3, FFA_SUCCESS_32);
	c.after[4] = 0;
	expect_one(&c, "smccc-1.1-preserve-x4-x17", 4, "SMCCC (DEN0028)");
}

/* x18-x30 are preserved by every call, FF-A or not. */
Test(checker, clobbered_x20)
{
	struct case_regs c;

	setup_call(&c, PSCI_VERSION);
	c.call.rule.ffa_version = 0;
	answer(&c, 0, PSCI_VERSION_1_1);
	c.after[20] = 0;
	expect_one(&c, "smccc-preserve-x18-x30", 20, "SMCCC (DEN0028) §2.6, §2.7");
}

/* Without x18-x30 (high_regs false) they are not compared. */
Test(checker, high_regs_unavailable)
{
	struct case_regs c;

	setup_call(&c, PSCI_VERSION);
	c.call.rule.ffa_version = 0;
	c.call.high_regs = false;
	answer(&c, 0, PSCI_VERSION_1_1);
	c.after[20] = 0;
	expect_clean(&c);
}

/* x8-x17 of an SMC64 answer to an FF-A v1.1 caller keep the caller's values: zeroing x8 (as
 * ffa-sim did before) breaks the rule. */
Test(checker, pre_1_2_smc64_x8_zeroed)
{
	struct case_regs c;

	setup_call(&c, FFA_MSG_SEND_DIRECT_REQ_64);
	c.call.rule.ffa_version = FFA_VERSION_1_1;
	c.call.rule.spmd_return = true;
	c.before[1] = ffa_msg_ids(HOST_ID, SP_ID);
	answer(&c, 7, FFA_MSG_SEND_DIRECT_RESP_64);
	c.after[1] = ffa_msg_ids(SP_ID, HOST_ID);
	c.after[8] = 0;
	expect_one(&c, "ffa-pre-1.2-x8-x17-preserved", 8, "SMCCC (DEN0028) §2.7");
}

/* FFA_ERROR. */

/* FFA_ERROR with x3 set. */
Test(checker, error_x3_set)
{
	struct case_regs c;

	setup_call(&c, FFA_FEATURES);
	answer(&c, 7, FFA_ERROR_32);
	c.after[2] = (uint32_t)FFA_NOT_SUPPORTED;
	c.after[3] = 0x3;
	expect_one(&c, "ffa-error-mbz", 3, "FF-A v1.2 (DEN0077A) \"FFA_ERROR\"");
}

/* FFA_ERROR w1 is MBZ for a setup call... */
Test(checker, error_w1_set_for_features)
{
	struct case_regs c;

	setup_call(&c, FFA_FEATURES);
	answer(&c, 7, FFA_ERROR_32);
	c.after[1] = 0x80010000u;
	c.after[2] = (uint32_t)FFA_NOT_SUPPORTED;
	expect_one(&c, "ffa-error-mbz", 1, "FFA_ERROR");
}

/* ...but may carry the target endpoint and vCPU for FFA_RUN. */
Test(checker, error_w1_target_for_run)
{
	struct case_regs c;

	setup_call(&c, FFA_RUN_32);
	answer(&c, 7, FFA_ERROR_32);
	c.after[1] = 0x80010000u;
	c.after[2] = (uint32_t)FFA_BUSY;
	expect_clean(&c);
}

/* RETRY from FFA_CONSOLE_LOG may report in w3. */
Test(checker, error_console_log_retry_w3)
{
	struct case_regs c;

	setup_call(&c, FFA_CONSOLE_LOG_32);
	answer(&c, 7, FFA_ERROR_32);
	c.after[2] = (uint32_t)FFA_RETRY;
	c.after[3] = 12;
	expect_clean(&c);
}

/* An error code outside -1..-10 is reported. */
Test(checker, error_invalid_code)
{
	struct case_regs c;
	const struct ffa_check_violation *v;

	setup_call(&c, FFA_FEATURES);
	answer(&c, 7, FFA_ERROR_32);
	c.after[2] = (uint32_t)-11;
	v = expect_one(&c, "ffa-error-code", 2, "FFA_ERROR");
	cr_assert_not(v->has_expected);
	cr_assert_eq(v->actual, 0xfffffff5u);
}

/* Zero is not an error code either. */
Test(checker, error_code_zero)
{
	struct case_regs c;

	setup_call(&c, FFA_ID_GET);
	answer(&c, 7, FFA_ERROR_32);
	expect_one(&c, "ffa-error-code", 2, "FFA_ERROR");
}

/* A sign-extended error code is a 64-bit value in a 32-bit answer. */
Test(checker, error_code_sign_extended)
{
	struct case_regs c;

	setup_call(&c, FFA_FEATURES);
	answer(&c, 7, FFA_ERROR_32);
	c.after[2] = (uint64_t)(int64_t)FFA_INVALID_PARAMETERS;
	expect_one(&c, "smccc-smc32-w-result", 2, "SMCCC (DEN0028) §2.6");
}

/* FFA_SUCCESS. */

/* FFA_FEATURES answered with x4 set: only w2/w3 are defined. */
Test(checker, features_x4_set)
{
	struct case_regs c;
	const struct ffa_check_violation *v;

	setup_call(&c, FFA_FEATURES);
	answer(&c, 7, FFA_SUCCESS_32);
	c.after[4] = 0x1;
	v = expect_one(&c, "ffa-success-mbz", 4, "FF-A v1.2 (DEN0077A) \"FFA_SUCCESS\"");
	cr_assert_eq(v->expected, 0);
	cr_assert_eq(v->actual, 1);
}

/* Under SMCCC 1.2 a stale x4 (the caller's value left in a result register) is a leak. */
Test(checker, features_stale_x4_under_1_2)
{
	struct case_regs c;

	setup_call(&c, FFA_FEATURES);
	answer(&c, 3, FFA_SUCCESS_32);
	/* x4-x7 are all stale: one violation per register. */
	cr_assert_eq(check(&c), 4);
	show(&c);
	for (unsigned i = 0; i < 4; i++) {
		cr_assert_str_eq(c.report.violations[i].rule, "ffa-success-mbz");
		cr_assert_eq(c.report.violations[i].reg, (int)(4 + i));
		cr_assert_eq(c.report.violations[i].actual, POISON + 4 + i);
	}
}

/* A 64-bit value in an FFA_SUCCESS_32 result register. */
Test(checker, success32_upper_half_set)
{
	struct case_regs c;

	setup_call(&c, FFA_ID_GET);
	answer(&c, 7, FFA_SUCCESS_32);
	c.after[2] = 0x100008001ull;
	expect_one(&c, "smccc-smc32-w-result", 2, "§2.6");
}

/* Direct messages. */

/* A DIRECT_RESP with x9 set after a DIRECT_REQ (x8-x17 are MBZ after a REQ/RESP pair). */
Test(checker, direct_resp_x9_set)
{
	struct case_regs c;

	setup_call(&c, FFA_MSG_SEND_DIRECT_REQ_64);
	c.before[1] = ffa_msg_ids(HOST_ID, SP_ID);
	answer(&c, 17, FFA_MSG_SEND_DIRECT_RESP_64);
	c.after[1] = ffa_msg_ids(SP_ID, HOST_ID);
	c.after[9] = 0x9;
	expect_one(&c, "ffa-direct-mbz", 9, "FF-A v1.2 (DEN0077A) §15.3");
}

/* A DIRECT_RESP answering a DIRECT_REQ2. */
Test(checker, resp_answers_req2)
{
	struct case_regs c;
	const struct ffa_check_violation *v;

	setup_call(&c, FFA_MSG_SEND_DIRECT_REQ2_64);
	c.before[1] = ffa_msg_ids(HOST_ID, SP_ID);
	answer(&c, 17, FFA_MSG_SEND_DIRECT_RESP_64);
	c.after[1] = ffa_msg_ids(SP_ID, HOST_ID);
	v = expect_one(&c, "ffa-direct-resp-match", 0, "FFA_MSG_SEND_DIRECT_RESP2");
	cr_assert_eq(v->expected, FFA_MSG_SEND_DIRECT_RESP2_64);
	cr_assert_eq(v->actual, FFA_MSG_SEND_DIRECT_RESP_64);
	cr_assert_str_eq(v->message,
			 "x0 must be FFA_MSG_SEND_DIRECT_RESP2_64, is FFA_MSG_SEND_DIRECT_RESP_64");
}

/* A DIRECT_RESP2 answering a DIRECT_REQ. */
Test(checker, resp2_answers_req)
{
	struct case_regs c;
	const struct ffa_check_violation *v;

	setup_call(&c, FFA_MSG_SEND_DIRECT_REQ_32);
	c.before[1] = ffa_msg_ids(HOST_ID, SP_ID);
	answer(&c, 7, FFA_MSG_SEND_DIRECT_RESP2_64);
	c.after[1] = ffa_msg_ids(SP_ID, HOST_ID);
	v = expect_one(&c, "ffa-direct-resp-match", 0, "§15.3");
	cr_assert_eq(v->expected, FFA_MSG_SEND_DIRECT_RESP_32);
}

/* A DIRECT_RESP that does not swap source and destination. */
Test(checker, direct_resp_ids_not_swapped)
{
	struct case_regs c;
	const struct ffa_check_violation *v;

	setup_call(&c, FFA_MSG_SEND_DIRECT_REQ_32);
	c.before[1] = ffa_msg_ids(HOST_ID, SP_ID);
	answer(&c, 7, FFA_MSG_SEND_DIRECT_RESP_32);
	c.after[1] = ffa_msg_ids(HOST_ID, SP_ID);
	v = expect_one(&c, "ffa-direct-resp-ids", 1, "§15.3");
	cr_assert_eq(v->expected, ffa_msg_ids(SP_ID, HOST_ID));
}

/* A direct request answered FFA_ERROR is a failed request, not a mismatched response. */
Test(checker, direct_req_answered_error_clean)
{
	struct case_regs c;

	setup_call(&c, FFA_MSG_SEND_DIRECT_REQ_32);
	c.before[1] = ffa_msg_ids(HOST_ID, SP_ID);
	answer(&c, 7, FFA_ERROR_32);
	c.after[2] = (uint32_t)FFA_INVALID_PARAMETERS;
	expect_clean(&c);
}

/* Answer function IDs. */

/* x0 that is no FF-A answer at all. */
Test(checker, unknown_answer_function)
{
	struct case_regs c;

	setup_call(&c, FFA_ID_GET);
	answer(&c, 7, 0x12345678u);
	expect_one(&c, "ffa-answer-function", 0, "FF-A v1.2 (DEN0077A)");
}

/* A function that is a call, never an answer (FFA_FEATURES's own ID). */
Test(checker, call_id_as_answer)
{
	struct case_regs c;

	setup_call(&c, FFA_FEATURES);
	answer(&c, 7, FFA_FEATURES);
	expect_one(&c, "ffa-answer-function", 0, "FFA_SUCCESS");
}

/* A v1.2 answer (DIRECT_REQ2) delivered to a v1.1 caller. */
Test(checker, answer_newer_than_caller)
{
	struct case_regs c;

	setup_call(&c, FFA_MSG_WAIT_32);
	c.call.rule.ffa_version = FFA_VERSION_1_1;
	c.call.rule.spmd_return = true;
	/* x8-x17 stay the caller's: a v1.1 caller gets x0-x7 of a 64-bit answer. */
	answer(&c, 7, FFA_MSG_SEND_DIRECT_REQ2_64);
	c.after[1] = ffa_msg_ids(HOST_ID, SP_ID);
	expect_one(&c, "ffa-answer-function", 0, "FFA_ERROR");
	cr_assert_not_null(strstr(c.report.violations[0].message, "1.1"));
}

/* Several violations come out ordered by register. */
Test(checker, violations_ordered_by_register)
{
	struct case_regs c;

	setup_call(&c, FFA_FEATURES);
	answer(&c, 7, FFA_ERROR_32);
	c.after[2] = (uint32_t)-20;
	c.after[5] = 5;
	c.after[9] = 9;
	c.after[30] = 30;
	cr_assert_eq(check(&c), 4);
	show(&c);
	cr_assert_eq(c.report.violations[0].reg, 2);
	cr_assert_eq(c.report.violations[1].reg, 5);
	cr_assert_eq(c.report.violations[2].reg, 9);
	cr_assert_eq(c.report.violations[3].reg, 30);
}

/* Formatting and the rule list. */

/* One violation reads as one line naming the call, the register, the rule and the section. */
Test(checker, format_line)
{
	struct case_regs c;
	char line[512];

	setup_call(&c, FFA_FEATURES);
	answer(&c, 7, FFA_SUCCESS_32);
	c.after[4] = 0x1;
	cr_assert_eq(check(&c), 1);
	cr_assert_str_eq(ffa_check_format(&c.report, &c.report.violations[0], line, sizeof(line)),
			 "ffa-sim: conformance: FFA_FEATURES answer: x4 must be zero, is 0x1 "
			 "(ffa-success-mbz: FFA_SUCCESS result registers not defined by the call "
			 "are MBZ, FF-A v1.2 (DEN0077A) \"FFA_SUCCESS\")");
}

/* With the conduit known the line says which one. */
Test(checker, format_line_conduit)
{
	struct case_regs c;
	char line[512];

	setup_call(&c, FFA_VERSION);
	c.call.conduit_known = true;
	c.call.conduit = FFA_CONDUIT_HVC;
	answer(&c, 7, 0xffffffffffffffffull);
	cr_assert_eq(check(&c), 1);
	ffa_check_format(&c.report, &c.report.violations[0], line, sizeof(line));
	cr_assert_not_null(strstr(line, "ffa-sim: conformance: FFA_VERSION (HVC) answer: x0 must "
					"be 0xffffffff"),
			   "%s", line);
}

/* Every rule has a unique id, a description and a citation in the house form. */
Test(checker, rule_table)
{
	size_t n = ffa_check_rule_count();

	cr_assert_gt(n, 10);
	cr_assert_null(ffa_check_rule_at(n));
	for (size_t i = 0; i < n; i++) {
		const struct ffa_check_rule *r = ffa_check_rule_at(i);

		cr_assert(r->id != NULL && r->why != NULL && r->cite != NULL);
		cr_assert(strncmp(r->cite, "FF-A v1.", 8) == 0 ||
				  strncmp(r->cite, "SMCCC (DEN0028)", 15) == 0,
			  "%s: %s", r->id, r->cite);
		cr_assert_eq(ffa_check_rule_find(r->id), r, "%s is not unique", r->id);
	}
	cr_assert_null(ffa_check_rule_find("no-such-rule"));
}

/* The trap-path observer on a real run. */

#define CALLS_MAX 16

struct seen_call {
	uint32_t fid;
	enum ffa_conduit conduit;
	uint64_t before[FFA_REG_COUNT];
	uint64_t after[FFA_REG_COUNT];
	unsigned violations;
};

struct seen {
	unsigned count;
	struct seen_call calls[CALLS_MAX];
};

static void observe(void *ctx, struct emu_cpu *cpu, const struct emu_call *call_before,
		    const struct ffa_value *after, struct ffa_result_rule rule)
{
	struct seen *s = ctx;
	struct seen_call *sc;
	struct ffa_check_call cc = {0};
	struct ffa_check_report report;

	(void)cpu;

	cr_assert_lt(s->count, CALLS_MAX);
	sc = &s->calls[s->count++];
	sc->fid = call_before->fid;
	sc->conduit = call_before->conduit;
	memcpy(sc->before, call_before->args.x, sizeof(sc->before));
	memcpy(sc->after, after->x, sizeof(sc->after));
	cc.fid = call_before->fid;
	cc.before = call_before->args.x;
	cc.after = after->x;
	cc.rule = rule;
	cc.conduit_known = true;
	cc.conduit = call_before->conduit;
	sc->violations = ffa_check_answer(&cc, &report);
	ffa_check_print(stderr, &report);
}

/* The value after "name=" in the guest's line for a call, as printed by tests/guests/calls.c. */
static uint64_t printed(const char *console, const char *call, const char *reg)
{
	char key[64];
	const char *line, *p;

	snprintf(key, sizeof(key), "%s x0=", call);
	line = strstr(console, key);
	cr_assert_not_null(line, "no line for %s in:\n%s", call, console);
	snprintf(key, sizeof(key), " %s=", reg);
	p = strstr(line, key);
	cr_assert_not_null(p);
	return strtoull(p + strlen(key), NULL, 16);
}

/* An observer installed on the host CPU sees every call of calls.elf with its answer. */
Test(checker, observer_sees_every_call)
{
	static const struct {
		const char *name;
		uint32_t fid;
		enum ffa_conduit conduit;
	} want[] = {
		{"smccc_version_smc", SMCCC_VERSION, FFA_CONDUIT_SMC},
		{"smccc_version_hvc", SMCCC_VERSION, FFA_CONDUIT_HVC},
		{"smccc_arch_features", SMCCC_ARCH_FEATURES, FFA_CONDUIT_SMC},
		{"psci_version", PSCI_VERSION, FFA_CONDUIT_SMC},
		{"psci_features", PSCI_FEATURES, FFA_CONDUIT_SMC},
		{"unknown_smc", 0x82000077u, FFA_CONDUIT_SMC},
		{"smc_imm_1234", SMCCC_VERSION, FFA_CONDUIT_SMC},
		{"hvc_imm_42", SMCCC_VERSION, FFA_CONDUIT_HVC},
	};
	static const char *const regs[] = {"x0", "x1", "x2", "x3"};
	struct sim *sim = calloc(1, sizeof(*sim));
	struct sim_config cfg = {0};
	struct seen *seen = calloc(1, sizeof(*seen));
	struct diag err;
	char *console = NULL, *notes = NULL;
	size_t console_len = 0, notes_len = 0;
	FILE *con = open_memstream(&console, &console_len);
	FILE *nts = open_memstream(&notes, &notes_len);
	int status;

	cr_assert(sim != NULL && seen != NULL && con != NULL && nts != NULL);
	cfg.guest_path = guest_path("calls.elf");
	cfg.console_out = con;
	cfg.notes = nts;
	cr_assert(sim_open(sim, &cfg, &err), "sim_open failed");
	emu_cpu_observe(&sim->host, (struct emu_call_observer){observe, seen});
	status = sim_run(sim);
	fflush(con);
	cr_assert_eq(status, 0, "status %d, notes:\n%s", status, notes);
	cr_assert_eq(seen->count, sim->host.call_count, "saw %u of %u calls", seen->count,
		     sim->host.call_count);
	cr_assert_eq(seen->count, sizeof(want) / sizeof(want[0]));
	for (unsigned i = 0; i < seen->count; i++) {
		const struct seen_call *sc = &seen->calls[i];

		cr_assert_eq(sc->fid, want[i].fid, "call %u: fid 0x%x", i, sc->fid);
		cr_assert_eq(sc->conduit, want[i].conduit, "call %u: conduit", i);
		cr_assert_eq((uint32_t)sc->before[0], want[i].fid, "call %u: x0 before", i);
		/* The answer as the guest saw it, x0-x3. */
		for (unsigned r = 0; r < 4; r++)
			cr_assert_eq(sc->after[r], printed(console, want[i].name, regs[r]),
				     "%s: %s", want[i].name, regs[r]);
		/* x8-x17 are the caller's: the trap path never writes them for SMC32 calls. */
		for (unsigned r = 8; r < FFA_REG_COUNT; r++)
			cr_assert_eq(sc->after[r], sc->before[r], "%s: x%u", want[i].name, r);
		cr_assert_eq(sc->violations, 0, "%s: %u violations", want[i].name, sc->violations);
	}
	/* The arguments seen are the caller's, not the answer's. */
	cr_assert_eq(seen->calls[2].before[1], SMCCC_VERSION);
	cr_assert_eq(seen->calls[2].after[0], 0);
	sim_close(sim);
	fclose(con);
	fclose(nts);
	free(console);
	free(notes);
	free(seen);
	free(sim);
}

/* Removing the observer (fn NULL) stops the reports. */
Test(checker, observer_removed)
{
	struct sim *sim = calloc(1, sizeof(*sim));
	struct sim_config cfg = {0};
	struct seen *seen = calloc(1, sizeof(*seen));
	struct diag err;
	FILE *sink = fopen("/dev/null", "w");

	cr_assert(sim != NULL && seen != NULL && sink != NULL);
	cfg.guest_path = guest_path("calls.elf");
	cfg.console_out = sink;
	cfg.notes = sink;
	cr_assert(sim_open(sim, &cfg, &err));
	emu_cpu_observe(&sim->host, (struct emu_call_observer){observe, seen});
	emu_cpu_observe(&sim->host, (struct emu_call_observer){NULL, NULL});
	cr_assert_eq(sim_run(sim), 0);
	cr_assert_eq(seen->count, 0);
	cr_assert_gt(sim->host.call_count, 0);
	sim_close(sim);
	fclose(sink);
	free(seen);
	free(sim);
}

/* Known deviations and SMCCC's unknown function. */

static const struct ffa_deviation test_deviation_list[] = {
	{FFA_RXTX_MAP_64, "ffa-success-mbz", 0xeu, "leaves the buffer arguments in x1-x3"},
	{0, "smccc-smc32-w-result", 1u << 2, "sign-extends the error code"},
};
static const struct ffa_deviations test_deviations = {"tf-a", test_deviation_list, 2};

/* A violation the answering firmware's list covers is still reported, named as known. */
Test(checker, known_deviation_reported_and_named)
{
	struct case_regs c;
	char line[768];
	const struct ffa_check_violation *v;

	setup_call(&c, FFA_RXTX_MAP_64);
	c.call.rule.deviations = &test_deviations;
	answer(&c, 17, FFA_SUCCESS_32);
	c.after[1] = 0x60008000;
	v = expect_one(&c, "ffa-success-mbz", 1, "FFA_SUCCESS");
	cr_assert_eq(c.report.known, 1);
	cr_assert_str_eq(v->known_who, "tf-a");
	ffa_check_format(&c.report, v, line, sizeof(line));
	cr_assert_not_null(
		strstr(line, "[known deviation of tf-a: leaves the buffer arguments in x1-x3]"),
		"%s", line);
}

/* The same rule in a register or call the list does not name is an ordinary violation. */
Test(checker, known_deviation_only_where_listed)
{
	struct case_regs c;

	setup_call(&c, FFA_RXTX_MAP_64);
	c.call.rule.deviations = &test_deviations;
	answer(&c, 17, FFA_SUCCESS_32);
	c.after[4] = 4;
	expect_one(&c, "ffa-success-mbz", 4, "FFA_SUCCESS");
	cr_assert_eq(c.report.known, 0);
	cr_assert_null(c.report.violations[0].known_who);
}

/* A sign-extended error code breaks the SMC32 rule, covered for every call by fid 0. */
Test(checker, known_deviation_any_call)
{
	struct case_regs c;

	setup_call(&c, FFA_ID_GET);
	c.call.rule.deviations = &test_deviations;
	answer(&c, 7, FFA_ERROR_32);
	c.after[2] = (uint64_t)(int64_t)FFA_NOT_SUPPORTED;
	expect_one(&c, "smccc-smc32-w-result", 2, "SMCCC (DEN0028) §2.6");
	cr_assert_eq(c.report.known, 1);
}

/* An FFA_FEATURES call answered SMC_UNK (-1 in x0, every other register kept). */
static void setup_unknown(struct case_regs *c)
{
	setup_call(c, FFA_FEATURES);
	c->call.rule.unknown_function = true;
	c->call.rule.ffa_version = 0;
	c->after[0] = UINT64_MAX;
}

/* SMCCC's unknown function: -1 in x0, the rest as the caller left it, no FF-A rule. */
Test(checker, unknown_function_clean)
{
	struct case_regs c;

	setup_unknown(&c);
	expect_clean(&c);
}

/* ... but one that changes a register it should keep is flagged. */
Test(checker, unknown_function_keeps_registers)
{
	struct case_regs c;

	setup_unknown(&c);
	c.after[9] = 0;
	expect_one(&c, "smccc-smc32-preserve-x8-x17", 9, "SMCCC (DEN0028) §2.6");
}
/* Results the SMCCC version cannot carry. */

/* A DIRECT_REQ_32 to SP_ID answered under SMCCC 1.1: x0-x3 written back (w3 = 1). */
static void setup_resp_1_1(struct case_regs *c)
{
	setup_call(c, FFA_MSG_SEND_DIRECT_REQ_32);
	c->before[1] = SP_ID;
	c->call.rule.smccc = FFA_SMCCC_1_1;
	answer(c, 3, FFA_MSG_SEND_DIRECT_RESP_32);
	c->after[1] = (uint64_t)SP_ID << 16;
	c->after[3] = 1;
}

/* Under SMCCC 1.1 a DIRECT_RESP payload in w4-w7 never reaches the caller: one warning per
 * register, naming the rule, with the value the callee gave and the one the caller kept. */
Test(checker, smccc_1_1_result_dropped)
{
	struct case_regs c;
	uint64_t result[FFA_REG_COUNT] = {
		FFA_MSG_SEND_DIRECT_RESP_32, (uint64_t)SP_ID << 16, 0, 1, 2, 3, 0, 5};

	setup_resp_1_1(&c);
	c.call.result = result;
	cr_assert_eq(check(&c), 3, "x4, x5 and x7; x6 was zero");
	show(&c);
	for (unsigned i = 0; i < 3; i++) {
		const struct ffa_check_violation *v = &c.report.violations[i];

		cr_assert_str_eq(v->rule, "smccc-result-dropped");
		cr_assert_eq(v->reg, i < 2 ? 4 + (int)i : 7);
		cr_assert_eq(v->expected, result[v->reg]);
		cr_assert_eq(v->actual, POISON + (uint64_t)v->reg);
		cr_assert_not_null(strstr(v->message, "FFA_MSG_SEND_DIRECT_RESP_32 answer was "
						      "dropped: SMCCC v1.1 returns x0-x3 only"),
				   "%s", v->message);
	}
}

/* A callee that leaves registers as the caller set them (the firmware's SMCCC_VERSION writes x0
 * alone) dropped nothing: registers equal to the caller's are not flagged. */
Test(checker, result_left_as_caller_set_it)
{
	struct case_regs c;
	uint64_t result[FFA_REG_COUNT];

	setup_resp_1_1(&c);
	for (unsigned i = 0; i < FFA_REG_COUNT; i++)
		result[i] = c.before[i];
	result[0] = FFA_MSG_SEND_DIRECT_RESP_32;
	result[1] = (uint64_t)SP_ID << 16;
	result[2] = 0;
	result[3] = 1;
	c.call.result = result;
	cr_assert_eq(check(&c), 0);
	result[5] = 7;
	cr_assert_eq(check(&c), 1, "x5 was changed: an answer the rule drops");
	cr_assert_eq(c.report.violations[0].reg, 5);
}

/* The same answer under SMCCC 1.2 carries w4-w7: clean; without the answer before write-back
 * (result NULL) the rule does not apply. */
Test(checker, result_carried_or_unknown)
{
	struct case_regs c;
	uint64_t result[FFA_REG_COUNT] = {
		FFA_MSG_SEND_DIRECT_RESP_32, (uint64_t)SP_ID << 16, 0, 1, 2, 3, 4, 5};

	setup_call(&c, FFA_MSG_SEND_DIRECT_REQ_32);
	c.before[1] = SP_ID;
	answer(&c, 7, FFA_MSG_SEND_DIRECT_RESP_32);
	for (unsigned i = 1; i < 8; i++)
		c.after[i] = result[i];
	c.call.result = result;
	expect_clean(&c);
	setup_resp_1_1(&c);
	expect_clean(&c);
}

/* Memory management (FF-A v1.2 (DEN0077A) §11): a send's FFA_SUCCESS carries the handle in
 * w2/w3 with w1 MBZ; FFA_MEM_FRAG_RX answers with w1-w4; FFA_MEM_RETRIEVE_RESP with w1-w2. */
Test(checker, memory_answers)
{
	struct case_regs c;

	setup_call(&c, FFA_MEM_SHARE_64);
	answer(&c, 17, FFA_SUCCESS_32);
	c.after[2] = 0xffffffc0u;
	c.after[3] = 0x1000;
	expect_clean(&c);
	c.after[1] = 0xffffffc0u;
	expect_one(&c, "ffa-success-mbz", 1, "FFA_SUCCESS");

	setup_call(&c, FFA_MEM_LEND_32);
	answer(&c, 7, FFA_MEM_FRAG_RX);
	c.after[1] = 3, c.after[3] = 0x60, c.after[4] = 0;
	expect_clean(&c);
	c.after[5] = 1;
	expect_one(&c, "ffa-answer-mbz", 5, "");

	setup_call(&c, FFA_MEM_RETRIEVE_REQ_64);
	answer(&c, 17, FFA_MEM_RETRIEVE_RESP);
	c.after[1] = 0x1200, c.after[2] = 0x1000;
	expect_clean(&c);
	c.after[3] = 0x1000;
	expect_one(&c, "ffa-answer-mbz", 3, "");

	setup_call(&c, FFA_MEM_FRAG_RX);
	answer(&c, 7, FFA_MEM_FRAG_TX);
	c.after[1] = 3, c.after[3] = 0x200;
	expect_clean(&c);
}

/* A PSCI_VERSION answer: x0 only, every other register the caller's. */
static void setup_psci(struct case_regs *c, enum ffa_smccc_rule smccc)
{
	setup_call(c, 0x84000000u);
	c->call.rule = (struct ffa_result_rule){smccc, 0};
	c->after[0] = 0x10001;
}

/* PSCI and SMCCC_VERSION answer in x0 alone; under SMCCC 1.1 and 1.2 that is clean. */
Test(checker, psci_x0_only_clean)
{
	struct case_regs c;

	setup_psci(&c, FFA_SMCCC_1_2);
	expect_clean(&c);
	setup_psci(&c, FFA_SMCCC_1_1);
	expect_clean(&c);
	setup_call(&c, 0x80000000u);
	c.call.rule = (struct ffa_result_rule){FFA_SMCCC_1_2, 0};
	c.after[0] = 0x10005;
	expect_clean(&c);
}

/* A PSCI answer that zeroes x4 breaks the function's rule, though SMCCC 1.2 would allow an
 * SMC32 result there: Linux's SMCCC 1.1 helpers expect x4 kept. */
Test(checker, psci_clobbering_x4_is_flagged)
{
	struct case_regs c;

	setup_psci(&c, FFA_SMCCC_1_2);
	c.after[4] = 0;
	expect_one(&c, "smccc-x0-result-preserve", 4, "SMCCC (DEN0028) §7");
	/* x1 of SMCCC_ARCH_FEATURES (the queried ID) is kept too. */
	setup_call(&c, 0x80000001u);
	c.call.rule = (struct ffa_result_rule){FFA_SMCCC_1_2, 0};
	c.before[1] = c.after[1] = 0x80000000u;
	c.after[0] = 0;
	c.after[1] = 0;
	expect_one(&c, "smccc-x0-result-preserve", 1, "PSCI (DEN0022) §5");
}

/* SMC_UNK that clobbers x3: the function's rule too (its x8-x17 keep their own rule). */
Test(checker, unknown_function_clobbering_x3)
{
	struct case_regs c;

	setup_unknown(&c);
	c.after[3] = 0;
	expect_one(&c, "smccc-x0-result-preserve", 3, "SMCCC (DEN0028) §7");
}
