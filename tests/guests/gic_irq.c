/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SGIs taken as IRQs through the GIC and the guest's vectors, with the SDK's GIC driver:
 * - the priority mask holds an SGI back until it is raised above the SGI's priority;
 * - two SGIs pending together are taken highest priority first;
 * - an SGI of higher priority preempts the handler of a lower one that unmasks IRQs, and one
 *   of lower priority waits for its end of interrupt;
 * - the running priority inside each handler is the handler's interrupt's priority.
 * ID_AA64PFR0_EL1.GIC chooses the GICv3 or the GICv2 driver. The lines are the same on
 * QEMU 7.2 -M virt and -M virt,gic-version=3 -cpu cortex-a72, and as the payload of the real
 * TF-A (GICv2) and TF-A with Hafnium (GICv3), as under ffa-sim.
 */
#include <sdk/sdk.h>

#define SELF 1u /* target list: CPU interface 0 (Aff0 0) */
/* At EL2 (the real firmware's entry), physical IRQs reach EL2 only with HCR_EL2.IMO. */
#define HCR_EL2_RW (1ull << 31)
#define HCR_EL2_IMO (1ull << 4)
#define HCR_EL2_FMO (1ull << 3)

struct irq_log {
	struct sdk_gic gic;
	unsigned seen[8];
	unsigned rpr[8];
	volatile unsigned count;
	unsigned nest_with; /* the SGI the handler of SGI 4 sends with IRQs unmasked */
};

static struct irq_log s;

static void on_irq(enum sdk_exception_kind kind, unsigned group, struct sdk_exception_frame *frame,
		   void *ctx)
{
	unsigned intid = sdk_gic_ack(&s.gic), n;

	(void)kind;
	(void)group;
	(void)frame;
	(void)ctx;
	if (intid == SDK_GIC_SPURIOUS)
		return;
	n = s.count;
	if (n < 8) {
		s.seen[n] = intid;
		s.rpr[n] = sdk_gic_running_priority(&s.gic);
	}
	s.count = n + 1;
	if (intid == 4 && s.nest_with != 0) {
		sdk_gic_send_sgi(&s.gic, s.nest_with, SELF);
		sdk_irq_enable();
		for (volatile unsigned i = 0; i < 100; i++)
			;
		sdk_irq_disable();
	}
	sdk_gic_eoi(&s.gic, intid);
}

static void wait_a_little(void)
{
	for (volatile unsigned i = 0; i < 200; i++)
		;
}

static void print_log(const char *what)
{
	sdk_printf("%s:", what);
	for (unsigned i = 0; i < s.count && i < 8; i++)
		sdk_printf(" %u@%x", s.seen[i], s.rpr[i]);
	sdk_printf("\n");
	s.count = 0;
}

int main(void)
{
	unsigned v3 = ((sdk_read_sysreg(S3_0_C0_C4_0) >> 24) & 0xfu) != 0;

	s.gic = sdk_gic_virt(v3 ? 3 : 2);
	if (sdk_current_el() == 2)
		sdk_write_sysreg(HCR_EL2, HCR_EL2_RW | HCR_EL2_IMO | HCR_EL2_FMO);
	sdk_vectors_install();
	sdk_irq_set_handler(SDK_EXCEPTION_IRQ, on_irq, NULL);
	sdk_gic_init(&s.gic);
	sdk_gic_enable(&s.gic, 1, 0xa0);
	sdk_gic_enable(&s.gic, 2, 0xc0);
	sdk_gic_enable(&s.gic, 3, 0x80);
	sdk_gic_enable(&s.gic, 4, 0xc0);
	sdk_gic_enable(&s.gic, 5, 0x40);
	/* Multiples of 0x10: the normal world has 4 priority bits when the GIC has two security
	 * states and 5 in all (IHI0069 §4.8.6). */
	sdk_gic_enable(&s.gic, 6, 0xd0);

	/* The PMR: 0xa0 masks priority 0xa0; 0xf0 lets it through. */
	sdk_gic_set_pmr(&s.gic, 0xa0);
	sdk_irq_enable();
	sdk_gic_send_sgi(&s.gic, 1, SELF);
	wait_a_little();
	print_log("masked");
	sdk_gic_set_pmr(&s.gic, 0xf0);
	wait_a_little();
	print_log("unmasked");

	/* Two pending at once: the higher priority (lower value) first. */
	sdk_irq_disable();
	sdk_gic_send_sgi(&s.gic, 2, SELF);
	sdk_gic_send_sgi(&s.gic, 3, SELF);
	sdk_irq_enable();
	wait_a_little();
	print_log("order");

	/* Preemption inside SGI 4's handler (priority 0xc0): SGI 5 (0x40) preempts. */
	s.nest_with = 5;
	sdk_gic_send_sgi(&s.gic, 4, SELF);
	wait_a_little();
	print_log("preempt");
	/* SGI 6 (0xd0) is lower: it waits for SGI 4's end of interrupt. */
	s.nest_with = 6;
	sdk_gic_send_sgi(&s.gic, 4, SELF);
	wait_a_little();
	print_log("no preempt");
	sdk_irq_disable();
	sdk_printf("gic_irq done\n");
	return 0;
}
