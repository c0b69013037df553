/* SPDX-License-Identifier: BSD-3-Clause */
#include "fw/firmware.h"

#include "abi/ids.h"

#define PSCI_SUCCESS 0u
/* MPIDR_EL1's affinity fields, Aff3 [39:32] and Aff2-Aff0 [23:0]: what names a CPU. */
#define FW_MPIDR_AFFINITY UINT64_C(0xff00ffffff)
#define FW_BOOT_MPIDR UINT64_C(0x80000000)
/* CPU_SUSPEND's power_state, original format (PSCI (DEN0022) §5.4.2): StateType bit 16. */
#define FW_PSTATE_TYPE_POWERDOWN (UINT32_C(1) << 16)

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
	fw_el3_set_cpus(fw, 1, &(const uint64_t){FW_BOOT_MPIDR}, (struct fw_cpu_ops){0});
}

void fw_el3_set_cpus(struct fw_el3 *fw, unsigned count, const uint64_t *mpidrs,
		     struct fw_cpu_ops ops)
{
	fw->cpu_count = count < FW_MAX_CPUS ? count : FW_MAX_CPUS;
	for (unsigned i = 0; i < fw->cpu_count; i++) {
		fw->mpidrs[i] = mpidrs[i];
		fw->power[i] = i == 0 ? FW_CPU_ON : FW_CPU_OFF;
	}
	fw->cpus = ops;
}

void fw_el3_cpu_running(struct fw_el3 *fw, unsigned cpu)
{
	if (cpu < fw->cpu_count && fw->power[cpu] == FW_CPU_ON_PENDING)
		fw->power[cpu] = FW_CPU_ON;
}

/* The CPU whose affinity is mpidr's (the other bits ignored, as TF-A masks them), or -1. */
static int fw_cpu_index(const struct fw_el3 *fw, uint64_t mpidr)
{
	for (unsigned i = 0; i < fw->cpu_count; i++) {
		if (((fw->mpidrs[i] ^ mpidr) & FW_MPIDR_AFFINITY) == 0)
			return (int)i;
	}
	return -1;
}

/* The CPU making the call: the scheduler's, else the one CPU there is. */
static unsigned fw_caller(const struct fw_el3 *fw)
{
	return fw->cpus.caller != NULL ? fw->cpus.caller(fw->cpus.ctx) : 0;
}

/*
 * A PSCI return code in x0: TF-A returns an int through a u_register_t, so a negative code is
 * sign-extended to 64 bits.
 */
static uint64_t fw_psci_ret(int32_t code)
{
	return (uint64_t)(int64_t)code;
}

/* A PSCI call's 32-bit argument when its SMC32 form is called (TF-A clears the top bits). */
static uint64_t fw_psci_arg(const struct emu_call *call, unsigned i)
{
	uint64_t v = call->args.x[i];

	return (call->fid & FFA_FID_SMC64_BIT) != 0 ? v : (uint32_t)v;
}

/*
 * CPU_ON (PSCI (DEN0022) §5.1.4): INVALID_PARAMETERS for an MPIDR that names no CPU,
 * ALREADY_ON for a CPU that is on, ON_PENDING while an earlier CPU_ON is under way, as TF-A's
 * psci_cpu_on answers; the entry point is not checked (TF-A's QEMU platform does not).
 */
static int32_t fw_cpu_on(struct fw_el3 *fw, const struct emu_call *call)
{
	int cpu = fw_cpu_index(fw, fw_psci_arg(call, 1));

	if (cpu < 0)
		return PSCI_E_INVALID_PARAMETERS;
	if (fw->power[cpu] == FW_CPU_ON)
		return PSCI_E_ALREADY_ON;
	if (fw->power[cpu] == FW_CPU_ON_PENDING)
		return PSCI_E_ON_PENDING;
	if (fw->cpus.cpu_on == NULL)
		return PSCI_E_INTERNAL_FAILURE;
	fw->power[cpu] = FW_CPU_ON_PENDING;
	fw->cpus.cpu_on(fw->cpus.ctx, (unsigned)cpu, fw_psci_arg(call, 2), fw_psci_arg(call, 3));
	return PSCI_E_SUCCESS;
}

/*
 * AFFINITY_INFO (PSCI (DEN0022) §5.1.5): the CPU's power state; INVALID_PARAMETERS for an
 * MPIDR that names no CPU or a lowest affinity level above 0, which TF-A does not support.
 */
static int32_t fw_affinity_info(const struct fw_el3 *fw, const struct emu_call *call)
{
	int cpu = fw_cpu_index(fw, fw_psci_arg(call, 1));

	if (cpu < 0 || fw_psci_arg(call, 2) != 0)
		return PSCI_E_INVALID_PARAMETERS;
	return (int32_t)fw->power[cpu];
}

/*
 * CPU_SUSPEND (PSCI (DEN0022) §5.1.2) with the power states TF-A's QEMU platform accepts in
 * the original format: 0x1 (CPU standby), 0x10002 (CPU powerdown), 0x1010022 (cluster
 * powerdown); any other INVALID_PARAMETERS. A standby returns SUCCESS once the CPU wakes; a
 * powerdown does not return: the CPU starts again at the entry point.
 */
static bool fw_cpu_suspend(struct fw_el3 *fw, const struct emu_call *call, int32_t *ret)
{
	uint32_t state = (uint32_t)call->args.x[1];

	if (state != 0x1u && state != 0x10002u && state != 0x1010022u) {
		*ret = PSCI_E_INVALID_PARAMETERS;
		return true;
	}
	if (fw->cpus.suspend == NULL)
		return false;
	fw->cpus.suspend(fw->cpus.ctx, fw_caller(fw), (state & FW_PSTATE_TYPE_POWERDOWN) != 0,
			 fw_psci_arg(call, 2), fw_psci_arg(call, 3));
	*ret = PSCI_E_SUCCESS;
	return true;
}

/* SMCCC (DEN0028) §7: the workaround function IDs SMCCC_ARCH_FEATURES is asked about. */
#define FW_ARCH_WORKAROUND_2 0x80007fffu
/* SMCCC (DEN0028) §7.3: "not required", the answer for a workaround the CPU does not need. */
#define FW_SMCCC_NOT_REQUIRED (-2)

/*
 * SMCCC (DEN0028) §7.3: 0 for the architecture calls implemented, NOT_SUPPORTED (-1) for the
 * others, in all 64 bits of x0 as TF-A returns its int32_t. TF-A v2.15 on QEMU answers
 * ARCH_WORKAROUND_2 NOT_REQUIRED (-2: "unaffected or permanently mitigated") and
 * NOT_SUPPORTED for SOC_ID and the workarounds 1, 3 and 4 (tests/data/oracle/
 * *.probe_regs.txt).
 */
static uint64_t fw_arch_features(uint32_t queried)
{
	switch (queried) {
	case SMCCC_VERSION:
	case SMCCC_ARCH_FEATURES:
		return 0;
	case FW_ARCH_WORKAROUND_2:
		return (uint64_t)(int64_t)FW_SMCCC_NOT_REQUIRED;
	default:
		return SMCCC_UNKNOWN_64;
	}
}

/*
 * PSCI (DEN0022) §5.1.14: 0 (or the feature flags) for an implemented function, NOT_SUPPORTED
 * (-1) otherwise: in all 64 bits of x0, as TF-A returns its int (measured on TF-A v2.15 under
 * QEMU, tests/data/oracle/tf-a-no-ffa.probe_psci.txt). TF-A v2.15 on QEMU answers
 * MIGRATE_INFO_TYPE NOT_SUPPORTED too, with or without a secure payload dispatcher.
 */
static uint64_t fw_psci_features(uint32_t queried)
{
	switch (queried) {
	case PSCI_VERSION:
	case PSCI_FEATURES:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_CPU_ON_32:
	case PSCI_CPU_ON_64:
	case PSCI_CPU_OFF:
	case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64:
	case SMCCC_VERSION:
		return PSCI_SUCCESS;
	case PSCI_CPU_SUSPEND_32:
	case PSCI_CPU_SUSPEND_64:
		/* §5.1.14: the flags; 0 is the original power_state format, no OS-initiated mode,
		 * as TF-A built without PSCI_EXTENDED_STATE_ID and PSCI_OS_INIT_MODE answers. */
		return 0;
	default:
		return fw_psci_ret(PSCI_E_NOT_SUPPORTED);
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
	/* FF-A calls first: their answer starts from the zeroed one the decision holds. */
	if (fw->ffa.fn != NULL && fw_is_spmd_fid(call->fid)) {
		fw->ffa.fn(fw->ffa.ctx, call, d);
		return;
	}
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
	case PSCI_CPU_ON_32:
	case PSCI_CPU_ON_64:
		d->res.x[0] = fw_psci_ret(fw_cpu_on(fw, call));
		return;
	case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64:
		d->res.x[0] = fw_psci_ret(fw_affinity_info(fw, call));
		return;
	case PSCI_CPU_OFF:
		/* It does not return: the CPU is off (its answer is never seen). With nobody to
		 * power CPUs, the one CPU going off ends the run as a halt would. */
		if (fw->cpus.cpu_off == NULL) {
			emu_call_stop(d, EMU_STOP_HALT, 0, "PSCI CPU_OFF of the only CPU");
			return;
		}
		fw->power[fw_caller(fw)] = FW_CPU_OFF;
		fw->cpus.cpu_off(fw->cpus.ctx, fw_caller(fw));
		d->res.x[0] = fw_psci_ret(PSCI_E_SUCCESS);
		return;
	case PSCI_CPU_SUSPEND_32:
	case PSCI_CPU_SUSPEND_64: {
		int32_t ret;

		if (!fw_cpu_suspend(fw, call, &ret)) {
			emu_call_stop(d, EMU_STOP_HALT, 0,
				      "PSCI CPU_SUSPEND with nothing that can wake the CPU");
			return;
		}
		d->res.x[0] = fw_psci_ret(ret);
		return;
	}
	default:
		break;
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
