/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The register view of a call: one value type for arguments and results, the conduits, and the
 * result-register rules of SMCCC. Every component's answer goes back to its caller through
 * ffa_result_writeback(), the one place where the rules are applied.
 */
#ifndef ABI_REGS_H
#define ABI_REGS_H

#include <stdbool.h>
#include <stdint.h>

#include "abi/fids.h"

#define FFA_REG_COUNT 18 /* x0-x17: SMCCC 1.2 argument and result registers */

/* Arguments or results of one call, x0-x17. */
struct ffa_value {
	uint64_t x[FFA_REG_COUNT];
};

/* How the call reached its handler. */
enum ffa_conduit { FFA_CONDUIT_SMC, FFA_CONDUIT_HVC };

/* The SMCCC result-register rule a callee follows (SMCCC (DEN0028) §2.6, §2.7). */
enum ffa_smccc_rule {
	/* SMCCC 1.0/1.1: results in x0-x3; x4-x17 preserved. */
	FFA_SMCCC_1_1,
	/* SMCCC 1.2: SMC64 results in x0-x17, SMC32 results in w0-w7; x8-x30 preserved for
	 * SMC32 and x18-x30 for SMC64. */
	FFA_SMCCC_1_2
};

/*
 * The rule an answer goes back under: the callee's SMCCC convention and, for FF-A calls, the
 * caller's negotiated FF-A version (0 for calls that are not FF-A, or before negotiation).
 */
struct ffa_deviations;

struct ffa_result_rule {
	enum ffa_smccc_rule smccc;
	uint32_t ffa_version;
	/* The answer is SMCCC's "unknown function": -1 in x0 and every other register as the
	 * caller left it (SMCCC (DEN0028) §7.2, as TF-A answers). No FF-A rule applies to it. */
	bool unknown_function;
	/* The answer goes back as TF-A's SPMD returns it (for the SPMCs behind it and for its
	 * EL3 SPMC): a 32-bit FF-A answer to a 64-bit call is written in the answer's
	 * convention (w0-w7, x8-x17 kept), and a caller below FF-A v1.2 gets x0-x7 alone of a
	 * 64-bit answer. pKVM's proxy writes every result register of its own answers. */
	bool spmd_return;
	/* The answering firmware's known deviations from the register rules (abi/checker.h),
	 * which the checker names as such; NULL when it has none. */
	const struct ffa_deviations *deviations;
};

/* Bit 30 of a function ID: the SMC64/HVC64 calling convention (SMCCC (DEN0028) §2.5). */
/* Bit 16: the SMCCC 1.3 SVE live-state hint, masked before dispatch (SMCCC (DEN0028) §2.5.2). */
#define FFA_FID_SVE_HINT_BIT (UINT32_C(1) << 16)

/* Returns true if the function ID uses the 64-bit calling convention. */
static inline bool ffa_fid_is_smc64(uint32_t fid)
{
	return (fid & FFA_FID_SMC64_BIT) != 0;
}

/* Returns the function ID with the SVE hint bit cleared. */
static inline uint32_t ffa_fid_strip_hint(uint32_t fid)
{
	return fid & ~FFA_FID_SVE_HINT_BIT;
}

/*
 * The function ID whose calling convention an answer follows: a 64-bit FF-A answer's own (a
 * DIRECT_REQ2 handed back to an SMC32 FFA_MSG_WAIT writes x0-x17), a 32-bit FF-A answer's own
 * when rule.spmd_return says so (FFA_SUCCESS_32 to an SMC64 call writes w0-w7 only), else
 * the call's.
 */
uint32_t ffa_result_convention(struct ffa_result_rule rule, uint32_t fid, uint64_t answer_x0);

/*
 * The result registers an SMCCC version gives a call of fid's width, as a bit mask over
 * x0-x17: x0-x3 for SMCCC 1.0/1.1; x0-x7 (SMC32) or x0-x17 (SMC64) for 1.2 and later.
 */
uint32_t ffa_smccc_result_mask(enum ffa_smccc_rule smccc, uint32_t fid);

/*
 * Registers a callee writes back under a rule, as a bit mask over x0-x17: x0 alone for an
 * unknown function and for the functions that return x0 only (PSCI, the SMCCC architecture
 * calls: ffa_fid_is_x0_result), else the SMCCC version's result registers less those the
 * caller's FF-A version keeps (ffa_result_kept_mask).
 */
uint32_t ffa_result_mask(struct ffa_result_rule rule, uint32_t fid);

/*
 * Registers the SMCCC version makes results but the caller's FF-A version does not, when the
 * answer goes back through TF-A's SPMD (rule.spmd_return): for an FF-A caller below v1.2, x8-x17
 * of an SMC64 answer. They keep the caller's values (the SPMD returns x0-x7 alone to such a
 * caller); they are not in ffa_result_mask.
 */
uint32_t ffa_result_kept_mask(struct ffa_result_rule rule, uint32_t fid);

/*
 * Applies the result-register rule: copies the result registers named by
 * ffa_result_mask(rule, fid) from res into regs (the caller's x0-x17, read at the trap) and
 * leaves every other register as the caller had it. Result registers the callee did not set
 * arrive as zero, since components start their answers from a zeroed struct ffa_value. Returns the
 * mask of registers written, for the caller to write back to the CPU.
 */
uint32_t ffa_result_writeback(struct ffa_result_rule rule, uint32_t fid,
			      const struct ffa_value *res, struct ffa_value *regs);

/* The name of a rule ("smccc-1.1", "smccc-1.2"). */
const char *ffa_smccc_rule_name(enum ffa_smccc_rule rule);

#endif
