/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Powers every CPU of the device tree on with PSCI CPU_ON, each running on its own stack and
 * printing its MPIDR, EL and the context ID it got, then powering itself off when the boot CPU
 * lets it; checks AFFINITY_INFO around it, CPU_ON of a CPU that is on (ALREADY_ON), powers
 * CPU 1 on a second time after its CPU_OFF, and the errors: ALREADY_ON for the boot CPU,
 * INVALID_PARAMETERS for an MPIDR no CPU has and for an affinity level above 0 (as TF-A
 * answers). Runs as well on qemu-system-aarch64 -M virt -cpu cortex-a72 -smp 4 -semihosting
 * (PSCI by HVC there, as its device tree says), where QEMU's own PSCI differs from TF-A's in
 * two answers: right after CPU_ON AFFINITY_INFO gives OFF or ON as its CPU threads happen to
 * run (TF-A answers ON_PENDING until the CPU has run, and so does ffa-sim), and at level 1 it
 * gives 0.
 */
#include "smp_common.h"

static volatile uint32_t up[SDK_MAX_CPUS];
static volatile uint32_t release[SDK_MAX_CPUS];
static struct sdk_cpu_start starts[SDK_MAX_CPUS];
static uint64_t tags[SDK_MAX_CPUS];

static void secondary(void *arg)
{
	const uint64_t *tag = arg;
	unsigned i = sdk_cpu_index();

	sdk_printf("cpu %u: up, mpidr %llx, el %u, context %llx\n", i,
		   (unsigned long long)(sdk_read_mpidr() & 0xff00ffffffull), sdk_current_el(),
		   (unsigned long long)*tag);
	smp_set_flag(&up[i]);
	smp_wait_flag(&release[i]);
	/* Returning powers the CPU off (sdk_secondary_main). */
}

/* Waits until AFFINITY_INFO reports the CPU off. */
static int32_t wait_off(uint64_t mpidr)
{
	int32_t a;

	while ((a = sdk_psci_affinity_info(mpidr, 0)) == 0)
		;
	return a;
}

int main(uint64_t dtb)
{
	struct smp_cpus cpus;
	unsigned boot = sdk_cpu_index();

	smp_read_cpus((const void *)dtb, &cpus);
	sdk_printf("cpus %u, boot cpu %u\n", cpus.count, boot);
	sdk_printf("features: cpu_on %d cpu_off %d affinity_info %d\n",
		   sdk_psci_features(PSCI_CPU_ON_64), sdk_psci_features(PSCI_CPU_OFF),
		   sdk_psci_features(PSCI_AFFINITY_INFO_64));
	for (unsigned k = 0; k < cpus.count; k++) {
		unsigned i = sdk_cpu_index_of(cpus.mpidr[k]);
		int32_t r, pending, again;

		if (i == boot)
			continue;
		tags[i] = 0xc0de0000ull + i;
		starts[i] = (struct sdk_cpu_start){.fn = secondary, .arg = &tags[i]};
		r = sdk_cpu_start(cpus.mpidr[k], &starts[i]);
		pending = sdk_psci_affinity_info(cpus.mpidr[k], 0);
		smp_wait_flag(&up[i]);
		again = sdk_cpu_start(cpus.mpidr[k], &starts[i]);
		sdk_printf("cpu_on %llx: %d, affinity then %d, now %d, cpu_on again %d\n",
			   (unsigned long long)cpus.mpidr[k], r, pending,
			   sdk_psci_affinity_info(cpus.mpidr[k], 0), again);
		smp_set_flag(&release[i]);
		sdk_printf("cpu %u off: affinity %d\n", i, wait_off(cpus.mpidr[k]));
	}
	sdk_printf("cpu_on of the boot cpu: %d\n", sdk_psci_cpu_on(cpus.mpidr[0], 0, 0));
	sdk_printf("cpu_on of mpidr 0xff: %d\n", sdk_psci_cpu_on(0xff, 0, 0));
	sdk_printf("affinity_info of mpidr 0xff: %d\n", sdk_psci_affinity_info(0xff, 0));
	sdk_printf("affinity_info level 1: %d\n", sdk_psci_affinity_info(cpus.mpidr[0], 1));
	if (cpus.count > 1) {
		unsigned i = sdk_cpu_index_of(cpus.mpidr[1]);

		up[i] = 0;
		release[i] = 0;
		tags[i] = 0xa9a1;
		int32_t r = sdk_cpu_start(cpus.mpidr[1], &starts[i]);

		smp_wait_flag(&up[i]);
		sdk_printf("cpu_on again after cpu_off: %d\n", r);
		smp_set_flag(&release[i]);
		sdk_printf("cpu %u off again: affinity %d\n", i, wait_off(cpus.mpidr[1]));
	}
	sdk_printf("done\n");
	sdk_psci_system_off();
	return 1;
}
