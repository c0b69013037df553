/* SPDX-License-Identifier: BSD-3-Clause */
#include "fw/firmware.h"

#include "abi/ids.h"

#define PSCI_SUCCESS 0u
#define PSCI_NOT_SUPPORTED 0xffffffffu /* -1 as a 32-bit value */

/*
 * The FF-A function numbers TF-A's SPMD takes (0x60-0x8F): it hands them to the SPMC, which
 * answers an unknown one with FFA_ERROR(NOT_SUPPORTED). A number above is no FF-A call to
 * the firmware: SMC_UNK, like any function ID no service claims.
 */
#define FW_FFA_FNUM_LAST 0x8fu

void fw_el3_init(struct fw_el3 *fw, uint32_t smccc_version)
{
	fw->smccc_version = smccc_version;
	/* SMCCC (DEN0028): 1.0 and 1.1 return results in x0-x3; 1.2 and later share the x0-x17
	 * rule. */
	fw->rule = smccc_version >= SMCCC_VERSION_1_2 ? FFA_SMCCC_1_2 : FFA_SMCCC_1_1;
	fw->psci_version = PSCI_VERSION_1_1;
	fw->ffa.fn = NULL;
	fw->ffa.ctx = NULL;
}

/* SMCCC (DEN0028) §7.3: 0 for the architecture calls implemented, -1 otherwise. */
static uint64_t fw_arch_features(uint32_t queried)
{
	switch (queried) {
	case SMCCC_VERSION:
	case SMCCC_ARCH_FEATURES:
		return 0;
	default:
		return SMCCC_NOT_SUPPORTED;
	}
}

/* PSCI (DEN0022) §5.1.14: 0 for an implemented function, NOT_SUPPORTED (-1) otherwise. */
static uint64_t fw_psci_features(uint32_t queried)
{
	switch (queried) {
	case PSCI_VERSION:
	case PSCI_FEATURES:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case SMCCC_VERSION:
		return PSCI_SUCCESS;
	default:
		return PSCI_NOT_SUPPORTED;
	}
}

/* An FF-A function ID TF-A's SPMD hands to the SPMC (SVE hint ignored). */
static bool fw_is_spmd_fid(uint32_t fid)
{
	return ffa_fid_is_ffa(fid) && (ffa_fid_strip_hint(fid) & 0xffffu) <= FW_FFA_FNUM_LAST;
}

/*
 * The firmware's calls: an answer, or the end of the run for SYSTEM_OFF and SYSTEM_RESET (a
 * decision the dispatcher carries out). FF-A calls go to the attached SPMC target with the
 * firmware's rule in place, which that target completes.
 */
static void fw_el3_call(void *ctx, const struct emu_call *call, struct emu_call_decision *d)
{
	struct fw_el3 *fw = ctx;

	d->rule.smccc = fw->rule;
	d->rule.ffa_version = 0;
	d->rule.unknown_function = false;
	d->rule.deviations = NULL;
	/* TF-A writes x0 alone for these calls: every other register stays as the caller set
	 * it (SMCCC_ARCH_FEATURES leaves the queried ID in x1). */
	d->res = call->args;
	switch (call->fid) {
	case SMCCC_VERSION:
		d->res.x[0] = fw->smccc_version;
		return;
	case SMCCC_ARCH_FEATURES:
		d->res.x[0] = fw_arch_features((uint32_t)call->args.x[1]);
		return;
	case PSCI_VERSION:
		d->res.x[0] = fw->psci_version;
		return;
	case PSCI_FEATURES:
		d->res.x[0] = fw_psci_features((uint32_t)call->args.x[1]);
		return;
	case PSCI_SYSTEM_OFF:
		emu_call_stop(d, EMU_STOP_EXIT, 0, "PSCI SYSTEM_OFF");
		return;
	case PSCI_SYSTEM_RESET:
		/* A reset would start the same deterministic run again: the run ends instead. */
		emu_call_stop(d, EMU_STOP_EXIT, 0, "PSCI SYSTEM_RESET (the run ends)");
		return;
	default:
		break;
	}
	if (fw->ffa.fn != NULL && fw_is_spmd_fid(call->fid)) {
		d->res = (struct ffa_value){{0}};
		fw->ffa.fn(fw->ffa.ctx, call, d);
		return;
	}
	/*
	 * SMCCC (DEN0028) §7.2: an unknown function ID answers -1. TF-A writes it in all 64 bits
	 * of x0 for SMC32 and SMC64 calls alike and leaves every other register as the caller
	 * had it; so does firmware without an FF-A dispatcher for every FF-A call.
	 */
	d->res.x[0] = SMCCC_UNKNOWN_64;
	d->rule.unknown_function = true;
}

struct emu_call_target fw_el3_target(struct fw_el3 *fw)
{
	struct emu_call_target t = {.fn = fw_el3_call, .ctx = fw};

	return t;
}
