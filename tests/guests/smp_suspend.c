/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PSCI CPU_SUSPEND to a standby state (power_state 0x1, as TF-A's QEMU platform numbers it) on
 * every secondary CPU: each brings up its GIC CPU interface, enables its physical timer's PPI (30)
 * with interrupts masked at the PE (DAIF, as CPU_ON leaves them), arms the timer 1000 * k ticks
 * ahead and suspends; the pending interrupt ends the standby (PSCI (DEN0022) §5.4.2: a standby
 * state returns on a wake-up event, with the interrupt still pending) and CPU_SUSPEND returns 0.
 * Each CPU prints how many counter ticks after the timer's compare value it woke, and whether the
 * interrupt is pending: under ffa-sim it wakes at the compare value exactly. The boot CPU starts
 * the CPUs one at a time. Runs on qemu-system-aarch64 -M virt[,gic-version=3] -cpu cortex-a72 -smp
 * 4 -semihosting too, where the wake-up comes later by host time.
 */
#include "smp_common.h"

#define TIMER_PPI 30u
#define PRIO 0x80u
/* The CPU standby state of TF-A's QEMU platform (original power_state format, level 0). */
#define STANDBY 0x1u

static volatile uint32_t done[SDK_MAX_CPUS];
static struct sdk_cpu_start starts[SDK_MAX_CPUS];
static unsigned gic_version;

static void secondary(void *arg)
{
	unsigned me = sdk_cpu_index();
	struct sdk_gic g = smp_my_gic(gic_version);
	uint64_t cval, woke;
	int32_t r;

	(void)arg;
	sdk_gic_init(&g);
	sdk_gic_enable(&g, TIMER_PPI, PRIO);
	cval = sdk_read_cntpct() + 1000u * me;
	sdk_timer_arm_at(SDK_TIMER_PHYS, cval);
	r = sdk_psci_cpu_suspend(STANDBY, 0, 0);
	woke = sdk_read_cntpct();
	sdk_printf("cpu %u: cpu_suspend %d, woke %llu ticks after cval, ppi pending %d\n", me, r,
		   (unsigned long long)(woke - cval), sdk_gic_pending(&g, TIMER_PPI));
	sdk_timer_stop(SDK_TIMER_PHYS);
	smp_set_flag(&done[me]);
}

int main(uint64_t dtb)
{
	struct smp_cpus cpus;

	smp_read_cpus((const void *)dtb, &cpus);
	gic_version = smp_gic_version();
	{
		struct sdk_gic g = smp_my_gic(gic_version);

		sdk_gic_init(&g);
	}
	sdk_printf("%u cpus, gic v%u, cpu_suspend features %d\n", cpus.count, gic_version,
		   sdk_psci_features(PSCI_CPU_SUSPEND_64));
	for (unsigned k = 1; k < cpus.count; k++) {
		unsigned i = sdk_cpu_index_of(cpus.mpidr[k]);

		starts[i] = (struct sdk_cpu_start){.fn = secondary};
		sdk_cpu_start(cpus.mpidr[k], &starts[i]);
		smp_wait_flag(&done[i]);
	}
	sdk_psci_system_off();
	return 1;
}
