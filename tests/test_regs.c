/* SPDX-License-Identifier: BSD-3-Clause */
/* The result-register rules of abi/regs.c and the function-ID names of abi/ids.c. */
#include <criterion/criterion.h>

#include "abi/ids.h"
#include "abi/regs.h"

#define POISON 0xc5c5c5c5c5c5c5c5ull
#define RULE(smccc, version) ((struct ffa_result_rule){(smccc), (version)})
/* The rule of an answer that goes back through TF-A's SPMD. */
#define SPMD_RULE(conv, version)                                                                   \
	((struct ffa_result_rule){.smccc = (conv), .ffa_version = (version), .spmd_return = true})

static void fill(struct ffa_value *v, uint64_t base)
{
	for (unsigned i = 0; i < FFA_REG_COUNT; i++)
		v->x[i] = base + i;
}

/* SMCCC 1.1: only x0-x3 are written, x4-x17 keep the caller's values. */
Test(regs, smccc_1_1_writes_x0_to_x3)
{
	struct ffa_value regs, res;
	uint32_t mask;

	fill(&regs, POISON);
	fill(&res, 0x100);
	mask = ffa_result_writeback(RULE(FFA_SMCCC_1_1, 0), 0xc4000063u, &res, &regs);
	cr_assert_eq(mask, 0xfu);
	for (unsigned i = 0; i < 4; i++)
		cr_assert_eq(regs.x[i], 0x100 + i, "x%u", i);
	for (unsigned i = 4; i < FFA_REG_COUNT; i++)
		cr_assert_eq(regs.x[i], POISON + i, "x%u preserved", i);
}

/* SMCCC 1.2 SMC32: w0-w7 are results, x8-x17 preserved. */
Test(regs, smccc_1_2_smc32_writes_x0_to_x7)
{
	struct ffa_value regs, res;

	fill(&regs, POISON);
	fill(&res, 0x200);
	cr_assert_eq(ffa_result_writeback(RULE(FFA_SMCCC_1_2, 0), 0x84000063u, &res, &regs), 0xffu);
	for (unsigned i = 0; i < 8; i++)
		cr_assert_eq(regs.x[i], 0x200 + i, "x%u", i);
	for (unsigned i = 8; i < FFA_REG_COUNT; i++)
		cr_assert_eq(regs.x[i], POISON + i, "x%u preserved", i);
}

/* SMCCC 1.2 SMC64: x0-x17 are all results; unset ones arrive as zero. */
Test(regs, smccc_1_2_smc64_writes_x0_to_x17)
{
	struct ffa_value regs, res = {{0}};

	fill(&regs, POISON);
	res.x[0] = 0xc4000061u;
	res.x[17] = 0x17;
	cr_assert_eq(ffa_result_writeback(RULE(FFA_SMCCC_1_2, 0), 0xc400008du, &res, &regs),
		     0x3ffffu);
	cr_assert_eq(regs.x[0], 0xc4000061u);
	for (unsigned i = 1; i < 17; i++)
		cr_assert_eq(regs.x[i], 0, "x%u zero", i);
	cr_assert_eq(regs.x[17], 0x17);
}

/* An FF-A v1.1 caller's SMC64 answer through TF-A's SPMD: x0-x7 carry results, x8-x17 keep the
 * caller's values (the SPMD returns x0-x7 alone to a caller below v1.2), whatever the callee
 * set there. An answer that does not go back through the SPMD (pKVM's proxy's own) writes
 * x0-x17. */
Test(regs, ffa_1_1_caller_smc64_keeps_callers_x8_to_x17)
{
	struct ffa_value regs, res;

	fill(&regs, POISON);
	fill(&res, 0x300);
	cr_assert_eq(
		ffa_result_writeback(SPMD_RULE(FFA_SMCCC_1_2, 0x10001), 0xc400006fu, &res, &regs),
		0xffu);
	for (unsigned i = 0; i < 8; i++)
		cr_assert_eq(regs.x[i], 0x300 + i, "x%u", i);
	for (unsigned i = 8; i < FFA_REG_COUNT; i++)
		cr_assert_eq(regs.x[i], POISON + i, "x%u kept", i);
	cr_assert_eq(ffa_result_kept_mask(SPMD_RULE(FFA_SMCCC_1_2, 0x10001), 0xc400006fu),
		     0x3ff00u);
	cr_assert_eq(ffa_result_kept_mask(SPMD_RULE(FFA_SMCCC_1_2, 0x10002), 0xc400006fu), 0);
	cr_assert_eq(ffa_result_kept_mask(SPMD_RULE(FFA_SMCCC_1_2, 0x10001), 0x8400006fu), 0);
	cr_assert_eq(ffa_result_kept_mask(RULE(FFA_SMCCC_1_2, 0x10001), 0xc400006fu), 0);
	cr_assert_eq(ffa_result_writeback(RULE(FFA_SMCCC_1_2, 0x10001), 0xc400006fu, &res, &regs),
		     0x3ffffu);
	cr_assert_eq(regs.x[17], 0x300 + 17);
}

/* An FF-A v1.2 caller's SMC64 answer keeps x8-x17 (DIRECT_REQ2 payloads). */
Test(regs, ffa_1_2_caller_smc64_keeps_x8_to_x17)
{
	struct ffa_value regs, res;

	fill(&regs, POISON);
	fill(&res, 0x400);
	ffa_result_writeback(RULE(FFA_SMCCC_1_2, 0x10002), 0xc400008du, &res, &regs);
	for (unsigned i = 0; i < FFA_REG_COUNT; i++)
		cr_assert_eq(regs.x[i], 0x400 + i, "x%u", i);
}

/* SMC32 answers to a v1.1 caller: x0-x7 written, x8-x17 preserved (not zeroed). */
Test(regs, ffa_1_1_caller_smc32_preserves_x8_to_x17)
{
	struct ffa_value regs, res;

	fill(&regs, POISON);
	fill(&res, 0x500);
	ffa_result_writeback(RULE(FFA_SMCCC_1_2, 0x10001), 0x8400006fu, &res, &regs);
	for (unsigned i = 8; i < FFA_REG_COUNT; i++)
		cr_assert_eq(regs.x[i], POISON + i, "x%u preserved", i);
}

/* A DIRECT_REQ2 delivered as the answer to a 32-bit FFA_MSG_WAIT reaches x0-x17. */
Test(regs, smc64_answer_to_smc32_call_uses_x0_to_x17)
{
	struct ffa_value regs, res;

	fill(&regs, POISON);
	fill(&res, 0x600);
	res.x[0] = 0xc400008du;
	cr_assert_eq(ffa_result_writeback(RULE(FFA_SMCCC_1_2, 0x10002), 0x8400006bu, &res, &regs),
		     0x3ffffu);
	for (unsigned i = 1; i < FFA_REG_COUNT; i++)
		cr_assert_eq(regs.x[i], 0x600 + i, "x%u", i);
}

/* The SVE hint bit (16) is not part of the function and does not select the width. */
Test(regs, sve_hint_stripped)
{
	cr_assert_eq(ffa_fid_strip_hint(0xc4010063u), 0xc4000063u);
	cr_assert(ffa_fid_is_smc64(0xc4010063u));
	cr_assert_not(ffa_fid_is_smc64(0x84010063u));
}

/* Function names for traces: FF-A 32/64, SMCCC, PSCI, and unknown IDs. */
Test(ids, names)
{
	char buf[64];

	cr_assert_str_eq(ffa_fid_describe(0x84000063u, buf, sizeof(buf)), "FFA_VERSION");
	cr_assert_str_eq(ffa_fid_describe(0xc400006fu, buf, sizeof(buf)),
			 "FFA_MSG_SEND_DIRECT_REQ_64");
	cr_assert_str_eq(ffa_fid_describe(0x80000000u, buf, sizeof(buf)), "SMCCC_VERSION");
	cr_assert_str_eq(ffa_fid_describe(0x84000008u, buf, sizeof(buf)), "PSCI_SYSTEM_OFF");
	cr_assert_str_eq(ffa_fid_describe(0x82000077u, buf, sizeof(buf)), "0x82000077");
	/* FFA_VERSION has no SMC64 form. */
	cr_assert_str_eq(ffa_fid_describe(0xc4000063u, buf, sizeof(buf)), "0xc4000063");
	cr_assert(ffa_fid_is_ffa(0x840000ffu));
	cr_assert_not(ffa_fid_is_ffa(0x8400005fu));
	cr_assert_not(ffa_fid_is_ffa(0x84000100u));
}

/*
 * PSCI and the SMCCC architecture calls return w0 alone: under every SMCCC version and width
 * only x0 is written back and x1-x17 keep the caller's values (TF-A's SMC_RET1), which
 * Linux's SMCCC 1.1 helpers rely on. The answer's other registers are ignored.
 */
Test(regs, psci_and_arch_calls_write_x0_only)
{
	static const uint32_t fids[] = {0x84000000u /* PSCI_VERSION */,
					0x8400000au /* PSCI_FEATURES */,
					0xc4000003u /* CPU_ON_64 */,
					0x80000000u /* SMCCC_VERSION */,
					0x80000001u /* SMCCC_ARCH_FEATURES */,
					0x80000002u /* SMCCC_ARCH_SOC_ID */,
					0x80008000u /* SMCCC_ARCH_WORKAROUND_1 */,
					0x80010000u /* SMCCC_VERSION with the SVE hint bit */};
	static const enum ffa_smccc_rule rules[] = {FFA_SMCCC_1_1, FFA_SMCCC_1_2};

	for (size_t r = 0; r < 2; r++) {
		for (size_t k = 0; k < sizeof(fids) / sizeof(fids[0]); k++) {
			struct ffa_value regs, res;

			fill(&regs, POISON);
			fill(&res, 0x300);
			cr_assert_eq(ffa_result_writeback(RULE(rules[r], 0), fids[k], &res, &regs),
				     0x1u, "0x%08x", fids[k]);
			cr_assert_eq(regs.x[0], 0x300);
			for (unsigned i = 1; i < FFA_REG_COUNT; i++)
				cr_assert_eq(regs.x[i], POISON + i, "0x%08x: x%u preserved",
					     fids[k], i);
		}
	}
}

/* An unknown function (SMC_UNK) writes x0 alone too, whatever the rule and width. */
Test(regs, unknown_function_writes_x0_only)
{
	struct ffa_result_rule rule = RULE(FFA_SMCCC_1_2, 0);
	struct ffa_value regs, res;

	rule.unknown_function = true;
	fill(&regs, POISON);
	fill(&res, 0x400);
	cr_assert_eq(ffa_result_writeback(rule, 0xc200ff00u, &res, &regs), 0x1u);
	for (unsigned i = 1; i < FFA_REG_COUNT; i++)
		cr_assert_eq(regs.x[i], POISON + i, "x%u preserved", i);
}

/* The other functions keep the SMCCC version's rule: FF-A, TRNG (owner 4, 0x50) and SiP. */
Test(regs, other_functions_keep_the_version_rule)
{
	cr_assert_eq(ffa_result_mask(RULE(FFA_SMCCC_1_2, 0), 0x84000063u), 0xffu);
	cr_assert_eq(ffa_result_mask(RULE(FFA_SMCCC_1_2, 0), 0xc4000053u), 0x3ffffu);
	cr_assert_eq(ffa_result_mask(RULE(FFA_SMCCC_1_1, 0), 0x82000010u), 0xfu);
	cr_assert_eq(ffa_smccc_result_mask(FFA_SMCCC_1_2, 0x84000000u), 0xffu);
	cr_assert(ffa_fid_is_x0_result(0x8400001fu));
	cr_assert_not(ffa_fid_is_x0_result(0x84000020u));
	cr_assert_not(ffa_fid_is_x0_result(0x84000060u));
	cr_assert(ffa_fid_is_x0_result(0xc0000000u));
}
