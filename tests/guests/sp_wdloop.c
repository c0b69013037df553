/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test partition: the owner of virt's secure watchdog (an SP805 at 0x09100000, INTID 46) that
 * computes with its vectors installed, so that the watchdog's interrupt reaches it while it runs,
 * as a virtual IRQ in its vectors (Hafnium injects it into the running owner). The handler clears
 * the watchdog first (unlock, WdogIntClr, lock: the level drops), then takes the interrupt with
 * HF_INTERRUPT_GET and deactivates it. Direct requests (DIRECT_REQ_64, x3 = command):
 *   1 compute: x4 = rounds, x5 = WdogLoad (0: leave the watchdog as it is), x6 = 1 to leave
 *              it running after the answer; arms the watchdog (INTEN), computes, stops it;
 *              answers x3 = rounds, x4 = hash, x5 = watchdog interrupts handled since it was
 *              armed, x6 = the counter (CNTPCT) at the first, x7 = the last ID
 *              HF_INTERRUPT_GET gave
 *   2 call:    x4 = rounds, x5 = WdogLoad, x6 = partition ID; arms the watchdog and sends that
 *              partition DIRECT_REQ_64 (x3 = rounds); each FFA_INTERRUPT that answers it (the
 *              watchdog fired while the callee ran) is taken in the vectors, then FFA_RUN
 *              resumes the callee; answers x3 = the callee's x3, x4 = its x4, x5 = interrupts
 *              handled, x6 = FFA_INTERRUPTs received, x7 = w1 | w2 << 32 of the first
 * Other FF-A returns of its FFA_MSG_WAIT (FFA_INTERRUPT while it waits) wait again.
 */
#include <sdk/sdk.h>
#include <sdk/ffa.h>
#include <sdk/hf.h>
#include <sdk/irq.h>
#include <sdk/sysreg.h>

#include "secirq_common.h"

#define WDOG_BASE 0x09100000ul
#define WDOG_INTID 46u
#define WDOG_LOAD 0x000u
#define WDOG_CONTROL 0x008u
#define WDOG_INTCLR 0x00cu
#define WDOG_MIS 0x014u
#define WDOG_LOCK 0xc00u
#define WDOG_UNLOCK 0x1acce551u
#define WDOG_INTEN 1u

struct wdloop_state {
	volatile uint64_t handled;
	volatile uint64_t first_at;
	volatile uint32_t last_id;
};

static void wdog_write(uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(WDOG_BASE + off) = v;
	if (off != WDOG_LOCK)
		*(volatile uint32_t *)(WDOG_BASE + WDOG_LOCK) = 0;
}

static void wdog_unlocked(uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(WDOG_BASE + WDOG_LOCK) = WDOG_UNLOCK;
	wdog_write(off, v);
}

static void wdog_arm(uint32_t load)
{
	wdog_unlocked(WDOG_LOAD, load);
	wdog_unlocked(WDOG_CONTROL, WDOG_INTEN);
}

static void on_virtual(enum sdk_exception_kind kind, unsigned group,
		       struct sdk_exception_frame *frame, void *ctx)
{
	struct wdloop_state *s = ctx;
	uint32_t id;

	(void)kind;
	(void)group;
	(void)frame;
	if (*(volatile uint32_t *)(WDOG_BASE + WDOG_MIS) & 1u) {
		wdog_unlocked(WDOG_INTCLR, 1);
		if (s->handled++ == 0)
			s->first_at = sdk_read_cntpct();
	}
	id = (uint32_t)sdk_hf_interrupt_get();
	s->last_id = id;
	if (id != SDK_HF_INVALID_INTID)
		sdk_hf_interrupt_deactivate(id, id);
}

/* Command 2: the request to another partition, resumed after each FFA_INTERRUPT. */
static void call_other(struct wdloop_state *s, uint16_t self, uint64_t x[SDK_FFA_DIRECT_PAYLOAD])
{
	uint16_t other = (uint16_t)x[3];
	struct sdk_smccc_regs r;
	uint64_t interrupts = 0, first = 0;

	r = sdk_ffa_direct_req_64(self, other, (const uint64_t[]){x[1], 0, 0, 0, 0});
	while ((uint32_t)r.x[0] == FFA_INTERRUPT_32) {
		if (interrupts++ == 0)
			first = (r.x[1] & 0xffffffffu) | r.x[2] << 32;
		r = sdk_ffa_run(other, 0);
	}
	x[0] = r.x[3];
	x[1] = r.x[4];
	x[2] = s->handled;
	x[3] = interrupts;
	x[4] = first;
}

int main(void)
{
	static struct wdloop_state s = {.last_id = SDK_HF_INVALID_INTID};
	struct sdk_smccc_regs r;
	uint64_t x[SDK_FFA_DIRECT_PAYLOAD];
	uint16_t self;
	bool keep;

	sdk_ffa_version(0x10002);
	self = (uint16_t)sdk_ffa_id_get().x[2];
	sdk_vectors_install();
	sdk_irq_set_handler(SDK_EXCEPTION_IRQ, on_virtual, &s);
	sdk_hf_interrupt_enable(WDOG_INTID, true, SDK_HF_INTERRUPT_IRQ);
	sdk_irq_enable();
	r = sdk_ffa_msg_wait(0);
	for (;;) {
		if ((uint32_t)r.x[0] != FFA_MSG_SEND_DIRECT_REQ_64) {
			r = sdk_ffa_msg_wait(0);
			continue;
		}
		for (unsigned i = 0; i < SDK_FFA_DIRECT_PAYLOAD; i++)
			x[i] = r.x[3 + i];
		keep = x[0] == CMD_COMPUTE && x[3] != 0;
		if (x[2] != 0) {
			s.handled = 0;
			s.first_at = 0;
			wdog_arm((uint32_t)x[2]);
		}
		if (x[0] == CMD_CALL) {
			call_other(&s, self, x);
		} else {
			x[1] = hash(x[1]);
			x[0] = r.x[4];
			x[2] = s.handled;
			x[3] = s.first_at;
			x[4] = s.last_id;
		}
		if (!keep)
			wdog_unlocked(WDOG_CONTROL, 0);
		r = sdk_ffa_direct_resp_64(self, (uint16_t)(r.x[1] >> 16), x);
	}
}
