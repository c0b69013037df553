/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Timer interrupts through the GIC, at the EL the guest was entered at (EL1, or EL2 with
 * HCR_EL2.IMO routing physical IRQs there), with the GIC the device tree describes (v2 or v3):
 * 1. WFI sleeps until the timer fires; the handler sees the counter at or after CVAL.
 * 2. With PSTATE.I set the interrupt stays pending (ISTATUS) and is taken at the unmask.
 * 3. With the priority mask above the timer's priority it stays pending; lowering the mask
 *    lets it in.
 * 4. A higher-priority interrupt (the virtual timer) preempts the handler of a lower one
 *    that unmasked interrupts, and the running priority shows each level.
 * Every counter value is printed relative to the first reading: under the simulator they are
 * exact virtual times, the same on every run. Passes on QEMU too (qemu-system-aarch64 -M virt
 * -cpu cortex-a72 -nographic -semihosting -kernel irq_timer.elf, with gic-version=3 and
 * virtualization=on for the other variants), with other times.
 */
#include <sdk/sdk.h>

#include "irq_common.h"

#define PRIO_LOW 0xa0
#define PRIO_HIGH 0x40

struct irq_state {
	struct sdk_gic gic;
	enum sdk_timer low;  /* the timer the tests arm: CNTP at EL1, CNTHP at EL2 */
	enum sdk_timer high; /* the higher-priority one: CNTV */
	uint64_t start;
	volatile unsigned fired_low, fired_high;
	volatile uint64_t at_low, at_high;
	volatile unsigned rpr_low, rpr_high;
	bool nest; /* the low handler arms the high timer and waits for it */
};

static uint64_t since(const struct irq_state *s)
{
	return sdk_read_cntpct() - s->start;
}

static void on_irq(enum sdk_exception_kind kind, unsigned group, struct sdk_exception_frame *frame,
		   void *ctx)
{
	struct irq_state *s = ctx;
	unsigned intid = sdk_gic_ack(&s->gic);

	(void)kind;
	(void)group;
	(void)frame;
	if (intid == sdk_timer_intid(s->high)) {
		s->at_high = since(s);
		s->rpr_high = sdk_gic_running_priority(&s->gic);
		sdk_timer_stop(s->high);
		s->fired_high++;
	} else if (intid == sdk_timer_intid(s->low)) {
		s->at_low = since(s);
		s->rpr_low = sdk_gic_running_priority(&s->gic);
		sdk_timer_stop(s->low);
		s->fired_low++;
		if (s->nest) {
			sdk_timer_arm(s->high, 300);
			sdk_irq_enable();
			while (s->fired_high == 0)
				sdk_wfi();
			sdk_irq_disable();
			sdk_printf("low handler resumes at +%llu after high at +%llu\n",
				   (unsigned long long)since(s), (unsigned long long)s->at_high);
		}
	} else {
		sdk_printf("unexpected INTID %u\n", intid);
	}
	if (intid != SDK_GIC_SPURIOUS)
		sdk_gic_eoi(&s->gic, intid);
}

int main(uint64_t dtb)
{
	static struct irq_state s;
	unsigned el = sdk_current_el();

	if (!irq_find_gic(dtb, &s.gic)) {
		sdk_printf("no GIC in the device tree\n");
		return 1;
	}
	s.low = el == 2 ? SDK_TIMER_HYP : SDK_TIMER_PHYS;
	s.high = SDK_TIMER_VIRT;
	irq_route_to_el2();
	sdk_vectors_install();
	sdk_irq_set_handler(SDK_EXCEPTION_IRQ, on_irq, &s);
	sdk_gic_init(&s.gic);
	sdk_gic_enable(&s.gic, sdk_timer_intid(s.low), PRIO_LOW);
	sdk_gic_enable(&s.gic, sdk_timer_intid(s.high), PRIO_HIGH);
	sdk_printf("EL%u GICv%u timer INTIDs %u and %u\n", el, s.gic.version,
		   sdk_timer_intid(s.low), sdk_timer_intid(s.high));
	s.start = sdk_read_cntpct();

	/* 1. WFI until the timer fires. */
	sdk_timer_arm(s.low, 1000);
	sdk_irq_enable();
	while (s.fired_low == 0)
		sdk_wfi();
	sdk_printf("1 wfi: fired at +%llu, rpr 0x%x, woke at +%llu\n", (unsigned long long)s.at_low,
		   s.rpr_low, (unsigned long long)since(&s));

	/* 2. Masked by PSTATE.I: pending until the unmask. */
	sdk_irq_disable();
	sdk_timer_arm(s.low, 500);
	while ((sdk_timer_ctl(s.low) & SDK_TIMER_CTL_ISTATUS) == 0)
		;
	sdk_timer_wait(200);
	sdk_printf("2 masked: ISTATUS at +%llu, fired %u\n", (unsigned long long)since(&s),
		   s.fired_low - 1);
	sdk_irq_enable();
	sdk_printf("2 unmasked: fired at +%llu\n", (unsigned long long)s.at_low);

	/* 3. Masked by the priority mask, then let in. */
	sdk_gic_set_pmr(&s.gic, PRIO_LOW);
	sdk_timer_arm(s.low, 500);
	while ((sdk_timer_ctl(s.low) & SDK_TIMER_CTL_ISTATUS) == 0)
		;
	sdk_timer_wait(200);
	sdk_printf("3 pmr 0x%x: ISTATUS at +%llu, fired %u\n", PRIO_LOW,
		   (unsigned long long)since(&s), s.fired_low - 2);
	sdk_gic_set_pmr(&s.gic, 0xff);
	while (s.fired_low < 3)
		sdk_wfi();
	sdk_printf("3 pmr 0xff: fired at +%llu\n", (unsigned long long)s.at_low);

	/* 4. The high-priority timer preempts the low one's handler. */
	s.nest = true;
	sdk_timer_arm(s.low, 1000);
	while (s.fired_low < 4)
		sdk_wfi();
	sdk_printf("4 nested: low at +%llu rpr 0x%x, high at +%llu rpr 0x%x\n",
		   (unsigned long long)s.at_low, s.rpr_low, (unsigned long long)s.at_high,
		   s.rpr_high);
	sdk_printf("irq_timer done\n");
	return 0;
}
