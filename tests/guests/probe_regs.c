/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Probes which registers each kind of call writes: x1-x17 are poisoned with a distinct value
 * (0xc5c5c5c5000000NN in xNN, garbage in the upper halves of the SMC32 arguments too), then
 * SMCCC's own calls, PSCI, unknown SMC32 and SMC64 functions, unknown FF-A function IDs inside
 * and outside the range the dispatcher takes, and FF-A calls of both widths are made. One
 * "P" line prints x0-x17 after the call; one "R <label>_changed" line names, as a bit mask
 * over x0-x17, the registers that differ from what the probe set. Compared with the four
 * firmware configurations on QEMU virt (tools/compare-oracle CONFIG probe_regs) and run under
 * ffa-sim with --el 2 (tests/test_oracle.c).
 */
#include "probe.h"

#include <abi/fids.h>
#include <abi/ffa.h>

#define PSCI_CPU_SUSPEND_32 0x84000001u
/* SMCCC (DEN0028) §7: the architecture workaround IDs Linux asks ARCH_FEATURES about. */
#define SMCCC_ARCH_WORKAROUND_1 0x80008000u
#define SMCCC_ARCH_WORKAROUND_2 0x80007fffu
#define SMCCC_ARCH_WORKAROUND_3 0x80003fffu
#define SMCCC_ARCH_WORKAROUND_4 0x80004000u
/* An SiP function no firmware here implements, in both conventions. */
#define PROBE_UNKNOWN_SIP_32 0x8200ff00u
#define PROBE_UNKNOWN_SIP_64 0xc200ff00u
/* FF-A IDs nobody assigns: 0x8f is inside the range TF-A's SPMD forwards, 0xff outside. */
#define PROBE_FFA_UNASSIGNED_IN 0x8400008fu
#define PROBE_FFA_UNASSIGNED_OUT 0x840000ffu

/* Makes one SMC with x0 = fid, x1-x3 as given and every other register poisoned, prints the
 * answer and the mask of registers it changed. */
static struct sdk_smccc_regs probe_regs(const char *label, uint32_t fid, uint64_t x1, uint64_t x2,
					uint64_t x3)
{
	struct sdk_smccc_regs before, r;
	uint32_t changed = 0;
	char name[64];

	for (unsigned i = 0; i < 18; i++)
		before.x[i] = PROBE_POISON | i;
	before.x[0] = fid;
	before.x[1] = x1;
	before.x[2] = x2;
	before.x[3] = x3;
	r = before;
	sdk_smc12(&r);
	sdk_printf("P %s", label);
	for (unsigned i = 0; i < 18; i++) {
		sdk_printf(" %016llx", (unsigned long long)r.x[i]);
		if (r.x[i] != before.x[i])
			changed |= 1u << i;
	}
	sdk_printf("\n");
	sdk_snprintf(name, sizeof(name), "%s_changed", label);
	sdk_printf("R %s %05x\n", name, changed);
	return r;
}

int main(void)
{
	const uint64_t garbage = PROBE_POISON;

	probe_regs("smccc_version", SMCCC_VERSION, garbage | 1, garbage | 2, garbage | 3);
	probe_regs("arch_features_version", SMCCC_ARCH_FEATURES, SMCCC_VERSION, garbage | 2,
		   garbage | 3);
	probe_regs("arch_features_soc_id", SMCCC_ARCH_FEATURES, SMCCC_ARCH_SOC_ID, garbage | 2,
		   garbage | 3);
	probe_regs("arch_features_workaround_1", SMCCC_ARCH_FEATURES, SMCCC_ARCH_WORKAROUND_1,
		   garbage | 2, garbage | 3);
	probe_regs("arch_features_workaround_2", SMCCC_ARCH_FEATURES, SMCCC_ARCH_WORKAROUND_2,
		   garbage | 2, garbage | 3);
	probe_regs("arch_features_workaround_3", SMCCC_ARCH_FEATURES, SMCCC_ARCH_WORKAROUND_3,
		   garbage | 2, garbage | 3);
	probe_regs("arch_features_workaround_4", SMCCC_ARCH_FEATURES, SMCCC_ARCH_WORKAROUND_4,
		   garbage | 2, garbage | 3);
	probe_regs("arch_features_unknown", SMCCC_ARCH_FEATURES, 0x8000ff00u, garbage | 2,
		   garbage | 3);
	probe_regs("psci_version", PSCI_VERSION, garbage | 1, garbage | 2, garbage | 3);
	probe_regs("psci_features_version", PSCI_FEATURES, PSCI_VERSION, garbage | 2, garbage | 3);
	probe_regs("psci_features_suspend", PSCI_FEATURES, PSCI_CPU_SUSPEND_32, garbage | 2,
		   garbage | 3);
	probe_regs("unknown_sip_32", PROBE_UNKNOWN_SIP_32, garbage | 1, garbage | 2, garbage | 3);
	probe_regs("unknown_sip_64", PROBE_UNKNOWN_SIP_64, garbage | 1, garbage | 2, garbage | 3);
	probe_regs("ffa_version", FFA_VERSION, FFA_VERSION_1_2, garbage | 2, garbage | 3);
	probe_regs("ffa_unassigned_in", PROBE_FFA_UNASSIGNED_IN, garbage | 1, garbage | 2,
		   garbage | 3);
	probe_regs("ffa_unassigned_out", PROBE_FFA_UNASSIGNED_OUT, garbage | 1, garbage | 2,
		   garbage | 3);
	probe_regs("ffa_id_get", FFA_ID_GET, garbage | 1, garbage | 2, garbage | 3);
	probe_regs("ffa_features_rxtx_map", FFA_FEATURES, FFA_RXTX_MAP_64, 0, 0);
	/* A 64-bit call refused with a 32-bit FFA_ERROR: an RX/TX pair at address 0. */
	probe_regs("ffa_rxtx_map_64_bad", FFA_RXTX_MAP_64, 0, 0, 0);
	probe_regs("psci_version_after", PSCI_VERSION, garbage | 1, garbage | 2, garbage | 3);
	return probe_end();
}
