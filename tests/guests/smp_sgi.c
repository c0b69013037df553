/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SGIs between CPUs: every secondary CPU installs the SDK's vectors, brings up its GIC CPU
 * interface (GICv2's banked GICC, or its own GICv3 redistributor), enables SGI 1 and sleeps in
 * WFI with IRQs unmasked; the boot CPU wakes each in turn with SGI 1, and each answers with
 * SGI 2 to the boot CPU, which sleeps in WFI until it comes. ID_AA64PFR0_EL1.GIC picks the
 * GICv3 system registers or the GICv2 CPU interface. The output is the same on
 * qemu-system-aarch64 -M virt[,gic-version=3] -cpu cortex-a72 -smp 4 -semihosting.
 */
#include "smp_common.h"

#define SGI_WAKE 1u
#define SGI_REPLY 2u
#define PRIO 0x80u

static volatile uint32_t ready[SDK_MAX_CPUS];
static volatile uint32_t woken[SDK_MAX_CPUS];
static volatile uint32_t replies;
static struct sdk_cpu_start starts[SDK_MAX_CPUS];
static unsigned gic_version;

/* This CPU's view of the GIC: its own redistributor on a GICv3. */
static struct sdk_gic my_gic(void)
{
	return smp_my_gic(gic_version);
}

static void on_irq(enum sdk_exception_kind kind, unsigned group, struct sdk_exception_frame *frame,
		   void *ctx)
{
	struct sdk_gic g = my_gic();
	unsigned intid = sdk_gic_ack(&g) & 0x3ffu, me = sdk_cpu_index();

	(void)kind;
	(void)group;
	(void)frame;
	(void)ctx;
	if (intid == SGI_WAKE) {
		sdk_printf("cpu %u: sgi %u\n", me, intid);
		woken[me] = 1;
		sdk_gic_send_sgi(&g, SGI_REPLY, 1u << 0);
	} else if (intid == SGI_REPLY) {
		replies++;
	} else if (intid != 1023u) {
		sdk_printf("cpu %u: unexpected intid %u\n", me, intid);
	}
	if (intid != 1023u)
		sdk_gic_eoi(&g, intid);
}

/* Vectors, this CPU's interface and one SGI enabled, IRQs unmasked. */
static void irq_setup(unsigned sgi)
{
	struct sdk_gic g = my_gic();

	sdk_vectors_install();
	sdk_gic_init(&g);
	sdk_gic_enable(&g, sgi, PRIO);
	sdk_irq_enable();
}

static void secondary(void *arg)
{
	unsigned me = sdk_cpu_index();

	(void)arg;
	irq_setup(SGI_WAKE);
	smp_set_flag(&ready[me]);
	while (!woken[me])
		sdk_wfi();
	sdk_irq_disable();
}

int main(uint64_t dtb)
{
	struct smp_cpus cpus;
	unsigned sent = 0;

	smp_read_cpus((const void *)dtb, &cpus);
	gic_version = smp_gic_version();
	sdk_irq_set_handler(SDK_EXCEPTION_IRQ, on_irq, 0);
	irq_setup(SGI_REPLY);
	for (unsigned k = 1; k < cpus.count; k++) {
		starts[k] = (struct sdk_cpu_start){.fn = secondary};
		sdk_cpu_start(cpus.mpidr[k], &starts[k]);
		smp_wait_flag(&ready[k]);
	}
	sdk_printf("%u cpus ready, gic v%u\n", cpus.count, gic_version);
	for (unsigned k = 1; k < cpus.count; k++) {
		struct sdk_gic g = my_gic();

		sdk_gic_send_sgi(&g, SGI_WAKE, (uint16_t)(1u << sdk_cpu_index_of(cpus.mpidr[k])));
		sent++;
		while (replies < sent)
			sdk_wfi();
		sdk_printf("cpu 0: reply %u from cpu %u\n", replies, k);
	}
	sdk_psci_system_off();
	return 1;
}
