/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Probes the firmware's PSCI answers with several CPUs, one "R name x0" line per call with
 * all 64 bits of x0: PSCI_FEATURES of each PSCI function, MIGRATE_INFO_TYPE, AFFINITY_INFO and
 * CPU_ON of CPUs on, off and absent (SMC64 and SMC32 forms, the SMC32 ones with garbage in the
 * upper halves), and an invalid CPU_SUSPEND. Secondary CPUs print nothing: they raise a flag,
 * wait to be let go and power off. Linked for the oracle's payload address; compared with
 * TF-A on QEMU virt -smp 4 (tools/compare-oracle tf-a-no-ffa probe_psci, with QEMU_SMP=4) and
 * run under ffa-sim with --el 2 --cpus 4.
 */
#include "smp_common.h"

#define GARBAGE_HIGH 0xc5c5c5c500000000ull

static volatile uint32_t up[SDK_MAX_CPUS];
static volatile uint32_t release[SDK_MAX_CPUS];
static struct sdk_cpu_start starts[SDK_MAX_CPUS];

static void held(void *arg)
{
	unsigned i = (unsigned)(uintptr_t)arg;

	smp_set_flag(&up[i]);
	smp_wait_flag(&release[i]);
}

static void report(const char *name, uint64_t x0)
{
	sdk_printf("R %s %016llx\n", name, (unsigned long long)x0);
}

static uint64_t psci(uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return sdk_smc11(fid, a1, a2, a3, 0, 0, 0, 0).x0;
}

/* Powers CPU i (mpidr) on with fid, lets it go again and waits until it is off. */
static void cycle(const char *name, uint32_t fid, uint64_t mpidr, unsigned i, uint64_t high)
{
	char label[48];

	up[i] = 0;
	release[i] = 0;
	starts[i] = (struct sdk_cpu_start){.fn = held, .arg = (void *)(uintptr_t)i};
	report(name, psci(fid, high | mpidr, high | (uint64_t)(uintptr_t)sdk_secondary_entry,
			  high | (uint64_t)(uintptr_t)&starts[i]));
	smp_wait_flag(&up[i]);
	sdk_snprintf(label, sizeof(label), "%s_affinity_on", name);
	report(label, psci(PSCI_AFFINITY_INFO_64, mpidr, 0, 0));
	sdk_snprintf(label, sizeof(label), "%s_again", name);
	report(label, psci(PSCI_CPU_ON_64, mpidr, (uint64_t)(uintptr_t)sdk_secondary_entry, 0));
	smp_set_flag(&release[i]);
	while (psci(PSCI_AFFINITY_INFO_64, mpidr, 0, 0) == PSCI_AFFINITY_ON)
		;
	sdk_snprintf(label, sizeof(label), "%s_affinity_off", name);
	report(label, psci(PSCI_AFFINITY_INFO_64, mpidr, 0, 0));
}

int main(uint64_t dtb)
{
	static const struct {
		const char *name;
		uint32_t fid;
	} features[] = {
		{"features_cpu_suspend_32", PSCI_CPU_SUSPEND_32},
		{"features_cpu_suspend_64", PSCI_CPU_SUSPEND_64},
		{"features_cpu_off", PSCI_CPU_OFF},
		{"features_cpu_on_32", PSCI_CPU_ON_32},
		{"features_cpu_on_64", PSCI_CPU_ON_64},
		{"features_affinity_info_32", PSCI_AFFINITY_INFO_32},
		{"features_affinity_info_64", PSCI_AFFINITY_INFO_64},
		{"features_migrate_info_type", PSCI_MIGRATE_INFO_TYPE},
		{"features_system_off", PSCI_SYSTEM_OFF},
		{"features_system_reset", PSCI_SYSTEM_RESET},
		{"features_psci_features", PSCI_FEATURES},
		{"features_unknown", 0x8400001fu},
	};
	struct smp_cpus cpus;

	smp_read_cpus((const void *)dtb, &cpus);
	sdk_psci_use_hvc(false);
	sdk_printf("P cpus %u\n", cpus.count);
	report("psci_version", psci(PSCI_VERSION, 0, 0, 0));
	for (unsigned i = 0; i < sizeof(features) / sizeof(features[0]); i++)
		report(features[i].name, psci(PSCI_FEATURES, features[i].fid, 0, 0));
	report("migrate_info_type", psci(PSCI_MIGRATE_INFO_TYPE, 0, 0, 0));
	report("affinity_boot", psci(PSCI_AFFINITY_INFO_64, cpus.mpidr[0], 0, 0));
	report("affinity_boot_level1", psci(PSCI_AFFINITY_INFO_64, cpus.mpidr[0], 1, 0));
	report("affinity_absent", psci(PSCI_AFFINITY_INFO_64, 0xff, 0, 0));
	report("cpu_on_boot", psci(PSCI_CPU_ON_64, cpus.mpidr[0], 0x60000000, 0));
	report("cpu_on_absent", psci(PSCI_CPU_ON_64, 0xff, 0x60000000, 0));
	report("cpu_suspend_invalid", psci(PSCI_CPU_SUSPEND_64, 0x2, 0x60000000, 0));
	if (cpus.count > 2) {
		report("affinity_off", psci(PSCI_AFFINITY_INFO_64, cpus.mpidr[1], 0, 0));
		cycle("cpu_on_64", PSCI_CPU_ON_64, cpus.mpidr[1], 1, 0);
		cycle("cpu_on_32", PSCI_CPU_ON_32, cpus.mpidr[2], 2, GARBAGE_HIGH);
		report("affinity_info_32",
		       psci(PSCI_AFFINITY_INFO_32, GARBAGE_HIGH | cpus.mpidr[2], GARBAGE_HIGH, 0));
	}
	sdk_printf("P done\n");
	sdk_psci_system_off();
	return 1;
}
