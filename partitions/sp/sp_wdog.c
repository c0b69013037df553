/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Example partition: the owner of virt's secure watchdog (an SP805 at 0x09100000, INTID 46;
 * docs/platform.md), which its manifest's device-regions give it. It enables the interrupt with
 * HF_INTERRUPT_ENABLE at boot and waits. Direct requests (DIRECT_REQ_64, x3 = command):
 *   1 arm:    x4 = WdogLoad, x5 = WdogControl (INTEN 1, RESEN 2), x6 = 1 to clear the
 *             interrupt when it comes (0: leave it set, so that the watchdog bites);
 *             answers x3 = WdogValue after arming, x4 = WdogLock, x5 = PeriphID, x6 = PCellID
 *   2 report: answers x3 = interrupts handled, x4 = FFA_INTERRUPTs received, x5 = the last ID
 *             HF_INTERRUPT_GET gave, x6 = WdogMIS when it was handled, x7 = the last
 *             FFA_INTERRUPT's w2
 *   3 stop:   clears INTEN; answers x3 = interrupts handled
 * Each interrupt reaches it as FFA_INTERRUPT, the return of its FFA_MSG_WAIT (Hafnium's secure
 * interrupt model, docs/ffa-support.md): it takes it with HF_INTERRUPT_GET, clears the device
 * (unlock, WdogIntClr, lock), deactivates it with HF_INTERRUPT_DEACTIVATE and waits again.
 */
#include <sdk/hf.h>

#include "sp_common.h"

#define WDOG_BASE 0x09100000ul
#define WDOG_INTID 46u

#define WDOG_LOAD 0x000u
#define WDOG_VALUE 0x004u
#define WDOG_CONTROL 0x008u
#define WDOG_INTCLR 0x00cu
#define WDOG_MIS 0x014u
#define WDOG_LOCK 0xc00u
#define WDOG_PERIPHID0 0xfe0u
#define WDOG_PCELLID0 0xff0u
#define WDOG_UNLOCK 0x1acce551u

#define CMD_ARM 1u
#define CMD_REPORT 2u
#define CMD_STOP 3u

struct wdog_state {
	uint64_t handled, interrupts, last_id, last_mis, last_w2;
	bool clear;
};

static uint32_t wdog_read(uint32_t off)
{
	return *(volatile uint32_t *)(WDOG_BASE + off);
}

static void wdog_write(uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(WDOG_BASE + off) = v;
}

/* Four 8-bit ID registers from off as one 32-bit value. */
static uint32_t wdog_id(uint32_t off)
{
	uint32_t v = 0;

	for (unsigned i = 0; i < 4; i++)
		v |= (wdog_read(off + 4 * i) & 0xffu) << (8 * i);
	return v;
}

static void wdog_unlocked(uint32_t off, uint32_t v)
{
	wdog_write(WDOG_LOCK, WDOG_UNLOCK);
	wdog_write(off, v);
	wdog_write(WDOG_LOCK, 0);
}

static void wdog_command(struct wdog_state *s, uint64_t x[SDK_FFA_DIRECT_PAYLOAD])
{
	switch (x[0]) {
	case CMD_ARM:
		s->clear = x[3] != 0;
		wdog_write(WDOG_LOCK, WDOG_UNLOCK);
		wdog_write(WDOG_LOAD, (uint32_t)x[1]);
		wdog_write(WDOG_CONTROL, (uint32_t)x[2]);
		wdog_write(WDOG_LOCK, 0);
		/* Locked: this write is ignored. */
		wdog_write(WDOG_LOAD, 1);
		x[0] = wdog_read(WDOG_VALUE);
		x[1] = wdog_read(WDOG_LOCK);
		x[2] = wdog_id(WDOG_PERIPHID0);
		x[3] = wdog_id(WDOG_PCELLID0);
		break;
	case CMD_REPORT:
		x[0] = s->handled;
		x[1] = s->interrupts;
		x[2] = s->last_id;
		x[3] = s->last_mis;
		x[4] = s->last_w2;
		break;
	case CMD_STOP:
		wdog_unlocked(WDOG_CONTROL, 0);
		x[0] = s->handled;
		break;
	default:
		x[0] = ~0ull;
		break;
	}
}

/* FFA_INTERRUPT: take the interrupt, clear the device, deactivate, count. */
static void wdog_interrupt(struct wdog_state *s, uint64_t w2)
{
	uint32_t id = sdk_hf_interrupt_get();

	s->interrupts++;
	s->last_w2 = w2;
	s->last_id = id;
	if (id != WDOG_INTID)
		return;
	s->last_mis = wdog_read(WDOG_MIS);
	if (s->clear)
		wdog_unlocked(WDOG_INTCLR, 1);
	sdk_hf_interrupt_deactivate(id, id);
	s->handled++;
}

int main(void)
{
	struct wdog_state s = {.last_id = SDK_HF_INVALID_INTID, .clear = true};
	struct sdk_smccc_regs r;
	uint64_t x[SDK_FFA_DIRECT_PAYLOAD];
	uint16_t self;

	sdk_ffa_version(0x10002);
	self = sp_self();
	if (sdk_hf_interrupt_enable(WDOG_INTID, true, SDK_HF_INTERRUPT_IRQ) != 0)
		sdk_ffa_console_puts("wdog: the watchdog's interrupt is not mine\n");
	else
		sdk_ffa_console_puts("wdog: ready\n");
	r = sdk_ffa_msg_wait(0);
	for (;;) {
		uint32_t fid = (uint32_t)r.x[0];

		if (fid == FFA_MSG_SEND_DIRECT_REQ_64) {
			sp_payload(&r, x);
			wdog_command(&s, x);
			r = sdk_ffa_direct_resp_64(self, sp_source(&r), x);
		} else {
			if (fid == FFA_INTERRUPT_32)
				wdog_interrupt(&s, r.x[2]);
			r = sdk_ffa_msg_wait(0);
		}
	}
}
