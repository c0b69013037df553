/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Interrupt benchmark guest: bench_iterations timer interrupts, each a full round trip: arm
 * CNTP one tick ahead, WFI, the timer fires through the GIC (virt's GICv2), the vector saves
 * the registers and calls the handler, which acknowledges, stops the timer and ends the
 * interrupt, and ERET returns after the WFI. bench_result counts the interrupts missing.
 */
#include <stdint.h>

#include <sdk/sdk.h>

#include "bench_words.h"

static struct sdk_gic gic;
static volatile uint64_t taken;

static void on_irq(enum sdk_exception_kind kind, unsigned group, struct sdk_exception_frame *frame,
		   void *ctx)
{
	unsigned intid = sdk_gic_ack(&gic);

	(void)kind;
	(void)group;
	(void)frame;
	(void)ctx;
	sdk_timer_stop(SDK_TIMER_PHYS);
	taken++;
	if (intid != SDK_GIC_SPURIOUS)
		sdk_gic_eoi(&gic, intid);
}

int main(void)
{
	uint64_t n = bench_iterations;

	gic = sdk_gic_virt(2);
	sdk_vectors_install();
	sdk_irq_set_handler(SDK_EXCEPTION_IRQ, on_irq, NULL);
	sdk_gic_init(&gic);
	sdk_gic_enable(&gic, sdk_timer_intid(SDK_TIMER_PHYS), 0x80);
	/*
	 * The check and the WFI run with IRQs masked, so that an interrupt taken between them
	 * cannot leave the WFI waiting for one more: WFI wakes for a masked interrupt too, and
	 * the unmask takes it.
	 */
	for (uint64_t i = 0; i < n; i++) {
		sdk_timer_arm(SDK_TIMER_PHYS, 1);
		while (taken == i) {
			sdk_wfi();
			sdk_irq_enable();
			sdk_irq_disable();
		}
	}
	bench_result = n - taken;
	return bench_result == 0 ? 0 : 1;
}
