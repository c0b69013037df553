/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The normal world's own timer interrupts a looping partition (0x8005: partitions/sp/sp_loop.c
 * or tests/guests/sp_vloop.c) while it computes for a direct request. The guest arms its EL1
 * physical timer (EL2's at EL2) through the GIC the device tree describes (v2 or v3), keeps
 * IRQs masked around its calls and asks for LOOP_ROUNDS rounds. What comes back depends on the
 * partition's ns-interrupts-action:
 *   signaled      FFA_INTERRUPT (w1 = 0x8005 << 16 | vCPU) when the timer fires; the timer is
 *                 still pending in the GIC, the guest takes it in its vectors at the unmask,
 *                 then resumes the partition with FFA_RUN and gets the response;
 *   managed-exit  the partition's response, cut short (x5 = 1), then the interrupt;
 *   queued        the whole computation's response, then the interrupt.
 * Every time is printed in counter ticks since the timer was armed: under the simulator they
 * are exact virtual times, the same on every run. Without FF-A in the device tree (QEMU's
 * virt with no secure world: qemu-system-aarch64 -M virt[,gic-version=3] -cpu cortex-a72
 * -nographic -semihosting -kernel preempt_timer.elf) the guest computes with IRQs masked
 * instead of asking, and only the timer part runs: the interrupt, pending, is taken at the
 * unmask.
 */
#include <sdk/sdk.h>
#include <sdk/ffa.h>

#include "irq_common.h"

#define LOOP 0x8005
#define LOOP_ROUNDS 200000
#define TIMER_TICKS 1000
#define PRIO 0xa0

struct pt_state {
	struct sdk_gic gic;
	enum sdk_timer timer;
	uint64_t start;
	volatile unsigned fired;
	volatile uint64_t at;
	volatile unsigned intid;
};

static uint64_t since(const struct pt_state *s)
{
	return sdk_read_cntpct() - s->start;
}

static void on_irq(enum sdk_exception_kind kind, unsigned group, struct sdk_exception_frame *frame,
		   void *ctx)
{
	struct pt_state *s = ctx;
	unsigned intid = sdk_gic_ack(&s->gic);

	(void)kind;
	(void)group;
	(void)frame;
	if (intid == SDK_GIC_SPURIOUS)
		return;
	s->at = since(s);
	s->intid = intid;
	if (intid == sdk_timer_intid(s->timer)) {
		sdk_timer_stop(s->timer);
		s->fired++;
	}
	sdk_gic_eoi(&s->gic, intid);
}

/* Whether the device tree describes FF-A (the simulator's arm,psa-ffa node). */
static bool has_ffa(uint64_t dtb)
{
	const void *fdt = (const void *)(uintptr_t)(dtb != 0 ? dtb : 0x40000000u);

	return sdk_fdt_check(fdt) && sdk_fdt_find_compatible(fdt, -1, "arm,psa-ffa") >= 0;
}

/* Computes long enough for the timer to fire, as the partition would. */
static uint64_t compute(uint64_t rounds)
{
	uint64_t h = 0;

	for (uint64_t i = 0; i < rounds; i++) {
		h = h * 31u + i;
		__asm__ volatile("" : "+r"(h));
	}
	return h;
}

/* Unmasks IRQs until the timer's interrupt was taken, and says when. */
static void take_interrupt(struct pt_state *s)
{
	sdk_printf("timer pending %u at +%llu\n",
		   sdk_gic_pending(&s->gic, sdk_timer_intid(s->timer)) ? 1u : 0u,
		   (unsigned long long)since(s));
	sdk_irq_enable();
	while (s->fired == 0)
		sdk_wfi();
	sdk_irq_disable();
	sdk_printf("irq %u taken at +%llu\n", s->intid, (unsigned long long)s->at);
}

static void show(const char *what, const struct sdk_smccc_regs *r, const struct pt_state *s)
{
	char buf[64];

	if ((uint32_t)r->x[0] == FFA_MSG_SEND_DIRECT_RESP_64)
		sdk_printf("%s: response x3=%lu x4=%lx x5=%lu x6=%lu x7=%lx at +%llu\n", what,
			   r->x[3], r->x[4], r->x[5], r->x[6], r->x[7],
			   (unsigned long long)since(s));
	else if ((uint32_t)r->x[0] == FFA_INTERRUPT_32)
		sdk_printf("%s: FFA_INTERRUPT w1=%lx at +%llu\n", what, r->x[1],
			   (unsigned long long)since(s));
	else
		sdk_printf("%s: %s at +%llu\n", what, sdk_ffa_result_text(r, buf, sizeof(buf)),
			   (unsigned long long)since(s));
}

int main(uint64_t dtb)
{
	static struct pt_state s;
	struct sdk_smccc_regs r;
	unsigned el = sdk_current_el();
	uint64_t w1;

	if (!irq_find_gic(dtb, &s.gic)) {
		sdk_printf("no GIC in the device tree\n");
		return 1;
	}
	s.timer = el == 2 ? SDK_TIMER_HYP : SDK_TIMER_PHYS;
	irq_route_to_el2();
	sdk_vectors_install();
	sdk_irq_set_handler(SDK_EXCEPTION_IRQ, on_irq, &s);
	sdk_gic_init(&s.gic);
	sdk_gic_enable(&s.gic, sdk_timer_intid(s.timer), PRIO);
	sdk_printf("EL%u GICv%u timer INTID %u\n", el, s.gic.version, sdk_timer_intid(s.timer));
	if (!has_ffa(dtb)) {
		s.start = sdk_read_cntpct();
		sdk_timer_arm(s.timer, TIMER_TICKS);
		sdk_printf("no FF-A: computed %lx\n", compute(LOOP_ROUNDS));
		take_interrupt(&s);
		sdk_printf("preempt_timer done\n");
		return 0;
	}
	sdk_ffa_version(0x10002);

	s.start = sdk_read_cntpct();
	sdk_timer_arm(s.timer, TIMER_TICKS);
	r = sdk_ffa_direct_req_64(0, LOOP, (const uint64_t[]){LOOP_ROUNDS, 0, 0, 0, 0});
	show("request", &r, &s);
	take_interrupt(&s);
	w1 = r.x[1];
	while ((uint32_t)r.x[0] == FFA_INTERRUPT_32) {
		r = sdk_ffa_run((uint16_t)(w1 >> 16), (uint16_t)w1);
		show("run", &r, &s);
	}
	sdk_printf("preempt_timer done\n");
	return 0;
}
