/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PSCI's CPU power calls (PSCI (DEN0022) §5.1) by SMC or HVC, and starting secondary CPUs. Kept
 * apart from guest/psci.c (SYSTEM_OFF and friends, always by SMC) so that guests built on the
 * SDK's base sources keep their layout.
 */
#include <stdbool.h>
#include <stdint.h>

#include <sdk/fdt.h>
#include <sdk/psci.h>
#include <sdk/smccc.h>
#include <sdk/string.h>
#include <sdk/sysreg.h>

/* The conduit: a guest's own state, shared by its CPUs (set before they start). */
static bool psci_hvc;

static uint64_t psci_call(uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
	if (psci_hvc)
		return sdk_hvc11(fid, a1, a2, a3, 0, 0, 0, 0).x0;
	return sdk_smc11(fid, a1, a2, a3, 0, 0, 0, 0).x0;
}

void sdk_psci_use_hvc(bool hvc)
{
	psci_hvc = hvc;
}

void sdk_psci_use_conduit_of(const void *fdt)
{
	int node = sdk_fdt_check(fdt) ? sdk_fdt_path_offset(fdt, "/psci") : -1;
	uint32_t len = 0;
	const char *method = node >= 0 ? sdk_fdt_getprop(fdt, node, "method", &len) : NULL;

	psci_hvc = method != NULL && len >= 4 && strcmp(method, "hvc") == 0;
}

int32_t sdk_psci_features(uint32_t fid)
{
	return (int32_t)psci_call(PSCI_FEATURES, fid, 0, 0);
}

int32_t sdk_psci_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t context)
{
	return (int32_t)psci_call(PSCI_CPU_ON_64, mpidr, entry, context);
}

int32_t sdk_psci_cpu_off(void)
{
	return (int32_t)psci_call(PSCI_CPU_OFF, 0, 0, 0);
}

int32_t sdk_psci_affinity_info(uint64_t mpidr, uint32_t lowest_level)
{
	return (int32_t)psci_call(PSCI_AFFINITY_INFO_64, mpidr, lowest_level, 0);
}

int32_t sdk_psci_cpu_suspend(uint32_t power_state, uint64_t entry, uint64_t context)
{
	return (int32_t)psci_call(PSCI_CPU_SUSPEND_64, power_state, entry, context);
}

int32_t sdk_psci_migrate_info_type(void)
{
	return (int32_t)psci_call(PSCI_MIGRATE_INFO_TYPE, 0, 0, 0);
}

unsigned sdk_cpu_index_of(uint64_t mpidr)
{
	unsigned aff0 = (unsigned)(mpidr & 0xffu), aff1 = (unsigned)((mpidr >> 8) & 0xffu);

	return aff0 + aff1 + 4u * (unsigned)((mpidr >> 16) & 0xffu);
}

unsigned sdk_cpu_index(void)
{
	return sdk_cpu_index_of(sdk_read_mpidr());
}

int32_t sdk_cpu_start(uint64_t mpidr, const struct sdk_cpu_start *start)
{
	return sdk_psci_cpu_on(mpidr, (uint64_t)(uintptr_t)sdk_secondary_entry,
			       (uint64_t)(uintptr_t)start);
}

/* Called by crt0 on a secondary CPU's own stack with the sdk_cpu_start it was given. */
void sdk_secondary_main(const struct sdk_cpu_start *start);

void sdk_secondary_main(const struct sdk_cpu_start *start)
{
	start->fn(start->arg);
	sdk_psci_cpu_off();
}
