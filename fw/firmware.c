/* SPDX-License-Identifier: BSD-3-Clause */
#include "fw/firmware.h"

#include "abi/ids.h"

#define PSCI_SUCCESS 0u
#define PSCI_NOT_SUPPORTED 0xffffffffu /* -1 as a 32-bit value */

void fw_el3_init(struct fw_el3 *fw, uint32_t smccc_version)
{
	fw->smccc_version = smccc_version;
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

static enum emu_call_status fw_el3_call(void *ctx, struct emu_call *call, struct ffa_value *res,
					struct ffa_result_rule *rule)
{
	struct fw_el3 *fw = ctx;

	rule->smccc = fw->rule;
	rule->ffa_version = 0;
	switch (call->fid) {
	case SMCCC_VERSION:
		res->x[0] = fw->smccc_version;
		return EMU_CALL_DONE;
	case SMCCC_ARCH_FEATURES:
		res->x[0] = fw_arch_features((uint32_t)call->args.x[1]);
		return EMU_CALL_DONE;
	case PSCI_VERSION:
		res->x[0] = fw->psci_version;
		return EMU_CALL_DONE;
	case PSCI_FEATURES:
		res->x[0] = fw_psci_features((uint32_t)call->args.x[1]);
		return EMU_CALL_DONE;
	case PSCI_SYSTEM_OFF:
		emu_cpu_stop(call->cpu, EMU_STOP_EXIT, 0, "PSCI SYSTEM_OFF");
		return EMU_CALL_STOP;
	case PSCI_SYSTEM_RESET:
		/* A reset would start the same deterministic run again: the run ends instead. */
		emu_cpu_stop(call->cpu, EMU_STOP_EXIT, 0, "PSCI SYSTEM_RESET (the run ends)");
		return EMU_CALL_STOP;
	default:
		break;
	}
	if (fw->ffa.fn != NULL && ffa_fid_is_ffa(call->fid))
		return fw->ffa.fn(fw->ffa.ctx, call, res, rule);
	/*
	 * SMCCC (DEN0028) §7.2: an unknown function ID answers -1 in W0 for an SMC32 call (the
	 * 32-bit write leaves the upper half of x0 zero) and in X0 for an SMC64 call.
	 */
	res->x[0] = ffa_fid_is_smc64(call->fid) ? UINT64_MAX : SMCCC_UNKNOWN;
	return EMU_CALL_DONE;
}

struct emu_call_target fw_el3_target(struct fw_el3 *fw)
{
	struct emu_call_target t = {.fn = fw_el3_call, .ctx = fw};

	return t;
}
