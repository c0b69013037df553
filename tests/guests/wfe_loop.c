/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * WFE idle loops (`1: wfe; b 1b`), which only an interrupt leaves:
 * 1. With the physical timer armed 1000 ticks ahead and IRQs unmasked, the timer's interrupt
 *    is taken in the loop; the handler returns past it.
 * 2. `sevl; wfe` completes (SEVL sets the event register, WFE clears it).
 * 3. With nothing armed and IRQs masked, the loop can never be left: the run ends there.
 * Counter values are printed relative to the first reading (exact virtual times under the
 * simulator, where the interrupt returns to the `b`: loop+4). QEMU (qemu-system-aarch64 -M virt
 * -cpu cortex-a72 -nographic -semihosting -kernel wfe_loop.elf) prints the same three lines,
 * with host times, and spins at step 3; ELR is loop+4 with -smp 1 and may be loop+0 with
 * -smp 2, where WFE does not end a block.
 */
#include <sdk/sdk.h>

#include "irq_common.h"

struct wfe_state {
	struct sdk_gic gic;
	uint64_t start;
	volatile unsigned fired;
	volatile uint64_t at;
	volatile uint64_t elr;
};

/* The loop and the address its interrupt returns to. */
void wfe_idle_loop(void);
__asm__(".text\n"
	".global wfe_idle_loop\n"
	"wfe_idle_loop:\n"
	"1:	wfe\n"
	"	b 1b\n"
	".global wfe_idle_loop_out\n"
	"wfe_idle_loop_out:\n"
	"	ret\n");
extern const char wfe_idle_loop_out[];

static void on_irq(enum sdk_exception_kind kind, unsigned group, struct sdk_exception_frame *frame,
		   void *ctx)
{
	struct wfe_state *s = ctx;
	unsigned intid = sdk_gic_ack(&s->gic);

	(void)kind;
	(void)group;
	if (intid == sdk_timer_intid(SDK_TIMER_PHYS)) {
		s->at = sdk_read_cntpct() - s->start;
		s->elr = frame->elr;
		sdk_timer_stop(SDK_TIMER_PHYS);
		s->fired++;
		frame->elr = (uint64_t)wfe_idle_loop_out;
	} else {
		sdk_printf("unexpected INTID %u\n", intid);
	}
	if (intid != SDK_GIC_SPURIOUS)
		sdk_gic_eoi(&s->gic, intid);
}

int main(uint64_t dtb)
{
	static struct wfe_state s;
	uint64_t loop = (uint64_t)wfe_idle_loop;

	if (!irq_find_gic(dtb, &s.gic)) {
		sdk_printf("no GIC in the device tree\n");
		return 1;
	}
	sdk_vectors_install();
	sdk_irq_set_handler(SDK_EXCEPTION_IRQ, on_irq, &s);
	sdk_gic_init(&s.gic);
	sdk_gic_enable(&s.gic, sdk_timer_intid(SDK_TIMER_PHYS), 0xa0);
	s.start = sdk_read_cntpct();

	/* 1. The timer's interrupt leaves the loop. */
	sdk_timer_arm(SDK_TIMER_PHYS, 1000);
	sdk_irq_enable();
	wfe_idle_loop();
	sdk_irq_disable();
	sdk_printf("1 wfe loop: fired %u at +%llu, elr loop+%llu, back at +%llu\n", s.fired,
		   (unsigned long long)s.at, (unsigned long long)(s.elr - loop),
		   (unsigned long long)(sdk_read_cntpct() - s.start));

	/* 2. SEVL then WFE: the event register is set, so WFE does not wait. */
	__asm__ volatile("sevl\n\twfe" : : : "memory");
	sdk_printf("2 sevl; wfe: completed at +%llu\n",
		   (unsigned long long)(sdk_read_cntpct() - s.start));

	/* 3. Nothing can leave the loop now. */
	sdk_printf("3 parking in the wfe loop\n");
	wfe_idle_loop();
	return 1;
}
