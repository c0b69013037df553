/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SMC and HVC calls following the SMC Calling Convention (SMCCC (DEN0028), AArch64 register
 * usage). Two flavours:
 * - SMCCC 1.1: arguments in x0-x7, results in x0-x3, x4-x17 preserved by the callee. The
 *   compiler is told x4-x17 survive the call, so a callee that breaks the rule corrupts the
 *   caller, as it would on hardware.
 * - SMCCC 1.2: x0-x17 in and out, through a register block.
 */
#ifndef SDK_SMCCC_H
#define SDK_SMCCC_H

#include <stdint.h>

/* The function IDs (SMCCC_VERSION, SMCCC_ARCH_FEATURES) are abi/fids.h's. */
#include <abi/fids.h>

/* Results of an SMCCC 1.1 call: x0-x3. */
struct sdk_smccc_res {
	uint64_t x0, x1, x2, x3;
};

/* Arguments and results of an SMCCC 1.2 call: x0-x17. */
struct sdk_smccc_regs {
	uint64_t x[18];
};

/* SMC #0 with x0-x7 as given; returns x0-x3. */
struct sdk_smccc_res sdk_smc11(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3, uint64_t x4,
			       uint64_t x5, uint64_t x6, uint64_t x7);

/* HVC #0 with x0-x7 as given; returns x0-x3. */
struct sdk_smccc_res sdk_hvc11(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3, uint64_t x4,
			       uint64_t x5, uint64_t x6, uint64_t x7);

/* SMC #0 loading x0-x17 from *regs and storing x0-x17 back into it afterwards. */
void sdk_smc12(struct sdk_smccc_regs *regs);

/* HVC #0 loading x0-x17 from *regs and storing x0-x17 back into it afterwards. */
void sdk_hvc12(struct sdk_smccc_regs *regs);

/* Major number of an SMCCC_VERSION (or FFA_VERSION) answer: bits [30:16]. */
static inline uint32_t sdk_smccc_version_major(uint64_t w0)
{
	return ((uint32_t)w0 >> 16) & 0x7fffu;
}

/* Minor number of an SMCCC_VERSION (or FFA_VERSION) answer: bits [15:0]. */
static inline uint32_t sdk_smccc_version_minor(uint64_t w0)
{
	return (uint32_t)w0 & 0xffffu;
}

#endif
