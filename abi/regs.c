/* SPDX-License-Identifier: BSD-3-Clause */
#include "abi/regs.h"

#include <string.h>

#include "abi/ids.h"

/* The FF-A version (1.2) from which SMC64 results use x8-x17. */
#define FFA_RESULT_X8_X17_VERSION 0x10002u

uint32_t ffa_smccc_result_mask(enum ffa_smccc_rule smccc, uint32_t fid)
{
	switch (smccc) {
	case FFA_SMCCC_1_1:
		/* SMCCC (DEN0028) §2.6: results in x0-x3, x4-x17 preserved by the callee. */
		return 0xfu;
	case FFA_SMCCC_1_2:
		/*
		 * SMCCC (DEN0028) §2.7 (v1.2): SMC64/HVC64 return results in x0-x17; SMC32/HVC32
		 * in w0-w7, and an SMC32 call from AArch64 must preserve x8-x30.
		 */
		return ffa_fid_is_smc64(fid) ? 0x3ffffu : 0xffu;
	}
	return 0xfu;
}

uint32_t ffa_result_kept_mask(struct ffa_result_rule rule, uint32_t fid)
{
	if (!rule.spmd_return || rule.unknown_function || ffa_fid_is_x0_result(fid) ||
	    rule.ffa_version == 0 || rule.ffa_version >= FFA_RESULT_X8_X17_VERSION)
		return 0;
	/*
	 * TF-A's SPMD returns to a normal-world caller below v1.2 with x0-x7 alone (SMC_RET8 in
	 * spmd_smc_switch_state, whichever SPMC answered), so x8-x17 keep the caller's values;
	 * only between v1.2+ endpoints does it pass x8-x17 on (SMCCC (DEN0028) §2.7 makes them
	 * results of SMC64 calls from v1.2). Hafnium likewise writes a partition's x8-x17 only
	 * with an answer that carries them.
	 */
	return ffa_smccc_result_mask(rule.smccc, fid) & ~0xffu;
}

uint32_t ffa_result_mask(struct ffa_result_rule rule, uint32_t fid)
{
	/*
	 * The rule belongs to the function. SMC_UNK is -1 in x0 alone (SMCCC (DEN0028) §7.2);
	 * PSCI and the architecture calls define w0 as their only result (PSCI (DEN0022) §5,
	 * SMCCC (DEN0028) §7), and TF-A answers them with SMC_RET1, which restores every other
	 * register the caller had: Linux's SMCCC 1.1 helpers rely on x4-x17 staying put.
	 */
	if (rule.unknown_function || ffa_fid_is_x0_result(fid))
		return 0x1u;
	return ffa_smccc_result_mask(rule.smccc, fid) & ~ffa_result_kept_mask(rule, fid);
}

uint32_t ffa_result_convention(struct ffa_result_rule rule, uint32_t fid, uint64_t answer_x0)
{
	uint32_t answer = (uint32_t)answer_x0;

	if ((answer_x0 >> 32) != 0 || !ffa_fid_is_ffa(answer))
		return fid;
	/*
	 * A 64-bit FF-A message handed back as the answer to a 32-bit call (DIRECT_REQ2 as the
	 * return of FFA_MSG_WAIT_32 or FFA_RUN_32) carries its registers in x0-x17 (FF-A v1.2
	 * (DEN0077A) §15.4). A 32-bit answer (FFA_ERROR_32, FFA_SUCCESS_32) to a 64-bit call
	 * writes w0-w7 and leaves x8-x17 as the caller had them where the callee says so
	 * (rule.spmd_return: TF-A, OP-TEE and Hafnium answer this way; pKVM's proxy writes
	 * x8-x17 of every SMC64 call).
	 */
	if (ffa_fid_is_smc64(answer) || rule.spmd_return)
		return answer;
	return fid;
}

uint32_t ffa_result_writeback(struct ffa_result_rule rule, uint32_t fid,
			      const struct ffa_value *res, struct ffa_value *regs)
{
	uint32_t mask;

	fid = ffa_result_convention(rule, fid, res->x[0]);
	mask = ffa_result_mask(rule, fid);

	/* Every rule's mask is a run from x0 (x0, x0-x3, x0-x7 or x0-x17): one copy. */
	memcpy(regs->x, res->x, (size_t)(32 - __builtin_clz(mask)) * sizeof(regs->x[0]));
	return mask;
}

const char *ffa_smccc_rule_name(enum ffa_smccc_rule rule)
{
	return rule == FFA_SMCCC_1_2 ? "smccc-1.2" : "smccc-1.1";
}
