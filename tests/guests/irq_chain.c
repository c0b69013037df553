/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Timer interrupts landing between blocks that branch straight to each other. Two blocks, one
 * after the other, each add one to a count of its own; a third compares the counts. An
 * interrupt must return to the instruction it preempted (ELR_EL1 = the preferred return
 * address, Arm ARM D1.10.2): one that returned to an earlier block would run that block's add
 * twice, and the counts would disagree. The handler re-arms the timer with a delay that varies
 * so that the interrupts land at every place in the loop.
 *
 * Under unicorn 2.0.1 the PC register is not updated while execution follows directly chained
 * blocks, so an interrupt taken at a block boundary that trusted it returned to a block already
 * run (the fault Linux hit in post_alloc_hook after its first timer tick). Passes on QEMU
 * (qemu-system-aarch64 -M virt -cpu cortex-a72 -nographic -semihosting -kernel
 * irq_chain.elf) with the same lines.
 */
#include <sdk/sdk.h>

#include "irq_common.h"

#define CHAIN_IRQS 64u
#define CHAIN_PRIO 0xa0

struct chain_state {
	struct sdk_gic gic;
	enum sdk_timer timer;
	volatile unsigned fired;
};

static void on_irq(enum sdk_exception_kind kind, unsigned group, struct sdk_exception_frame *frame,
		   void *ctx)
{
	struct chain_state *s = ctx;
	unsigned intid = sdk_gic_ack(&s->gic);

	(void)kind;
	(void)group;
	(void)frame;
	if (intid == sdk_timer_intid(s->timer)) {
		s->fired++;
		/* 7 to 70 ticks: the loop is 11 instructions, so the entries move around it. */
		if (s->fired < CHAIN_IRQS)
			sdk_timer_arm(s->timer, 7 + (s->fired * 13) % 64);
		else
			sdk_timer_stop(s->timer);
	}
	if (intid != SDK_GIC_SPURIOUS)
		sdk_gic_eoi(&s->gic, intid);
}

/* Runs the chained blocks until the interrupts are all taken; returns how often the two
 * counts disagreed, and the passes in *passes. */
static uint64_t chain_run(volatile unsigned *fired, unsigned want, uint64_t *passes)
{
	uint64_t a = 0, b = 0, bad = 0;

	__asm__ volatile("1:	add %[a], %[a], #1\n"
			 "	b 2f\n"
			 "2:	add %[b], %[b], #1\n"
			 "	b 3f\n"
			 "3:	cmp %[a], %[b]\n"
			 "	b.eq 4f\n"
			 "	add %[bad], %[bad], #1\n"
			 "	mov %[b], %[a]\n"
			 "4:	ldr w9, [%[fired]]\n"
			 "	cmp w9, %w[want]\n"
			 "	b.lo 1b\n"
			 : [a] "+r"(a), [b] "+r"(b), [bad] "+r"(bad)
			 : [fired] "r"(fired), [want] "r"(want)
			 : "x9", "cc", "memory");
	*passes = a;
	return bad;
}

int main(uint64_t dtb)
{
	static struct chain_state s;
	uint64_t passes = 0, bad;

	if (!irq_find_gic(dtb, &s.gic)) {
		sdk_printf("no GIC in the device tree\n");
		return 1;
	}
	s.timer = SDK_TIMER_PHYS;
	sdk_vectors_install();
	sdk_irq_set_handler(SDK_EXCEPTION_IRQ, on_irq, &s);
	sdk_gic_init(&s.gic);
	sdk_gic_enable(&s.gic, sdk_timer_intid(s.timer), CHAIN_PRIO);
	sdk_timer_arm(s.timer, 7);
	sdk_irq_enable();
	bad = chain_run(&s.fired, CHAIN_IRQS, &passes);
	sdk_irq_disable();
	sdk_printf("irq_chain: %u interrupts, %s passes, %llu counts disagreed\n", s.fired,
		   passes > CHAIN_IRQS ? "more than one per interrupt" : "too few",
		   (unsigned long long)bad);
	return bad == 0 ? 0 : 1;
}
