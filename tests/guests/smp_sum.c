/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A computation shared by every CPU of the device tree: each sums its slice of a table the
 * boot CPU filled, notes the counter when it finished and raises its flag with SEV; the boot
 * CPU sums its own slice, waits for the others with WFE, and prints the total and each CPU's
 * finishing counter value. Under ffa-sim the counter values are exact virtual times, the same
 * on every run; on qemu-system-aarch64 -M virt -cpu cortex-a72 -smp 4 -semihosting the total
 * is the same and the times are whatever the host's took.
 */
#include "smp_common.h"

#define SUM_VALUES 4096u

static uint32_t table[SUM_VALUES];
static volatile uint32_t done[SDK_MAX_CPUS];
static uint64_t partial[SDK_MAX_CPUS];
static uint64_t finished[SDK_MAX_CPUS];
static struct sdk_cpu_start starts[SDK_MAX_CPUS];
static unsigned workers;

/* Sums slice `slot` of the table (workers slices); notes when it finished. */
static void sum_slice(unsigned slot)
{
	unsigned per = SUM_VALUES / workers;
	unsigned from = slot * per, to = slot + 1 == workers ? SUM_VALUES : from + per;
	uint64_t s = 0;

	for (unsigned i = from; i < to; i++)
		s += (uint64_t)table[i] * table[i];
	partial[slot] = s;
	finished[slot] = sdk_read_sysreg(cntvct_el0);
}

static void worker(void *arg)
{
	unsigned slot = (unsigned)(uintptr_t)arg;

	sum_slice(slot);
	smp_set_flag(&done[slot]);
}

int main(uint64_t dtb)
{
	struct smp_cpus cpus;
	uint64_t total = 0;

	smp_read_cpus((const void *)dtb, &cpus);
	workers = cpus.count;
	for (unsigned i = 0; i < SUM_VALUES; i++)
		table[i] = i * 7u + 3u;
	for (unsigned k = 1; k < cpus.count; k++) {
		starts[k] = (struct sdk_cpu_start){.fn = worker, .arg = (void *)(uintptr_t)k};
		if (sdk_cpu_start(cpus.mpidr[k], &starts[k]) != PSCI_E_SUCCESS) {
			sdk_printf("cpu_on %llx failed\n", (unsigned long long)cpus.mpidr[k]);
			return 1;
		}
	}
	sum_slice(0);
	for (unsigned k = 1; k < cpus.count; k++)
		smp_wait_flag(&done[k]);
	for (unsigned k = 0; k < cpus.count; k++) {
		total += partial[k];
		sdk_printf("cpu %u: sum %llu, finished at counter %llu\n", k,
			   (unsigned long long)partial[k], (unsigned long long)finished[k]);
	}
	sdk_printf("total %llu over %u cpus\n", (unsigned long long)total, cpus.count);
	sdk_psci_system_off();
	return 1;
}
