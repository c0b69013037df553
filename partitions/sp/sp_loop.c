/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Example partition: a long computation, for preemption. A DIRECT_REQ_64 with x3 = n runs n
 * rounds of a small hash and answers DIRECT_RESP_64 with x3 = the rounds run, x4 = the hash
 * and x5 = 1 when it stopped early for a managed exit. It makes no FF-A call while it
 * computes, so only an interrupt (a timeslice's end) hands the CPU back before it answers.
 * Under Hafnium it is managed-exit aware: it enables the managed-exit interrupt at boot and
 * looks for it with HF_INTERRUPT_GET every SP_LOOP_POLL rounds; when the SPMC signals it, it
 * answers at once. Other requests are echoed; FFA_RUN cycles while it waits are given back.
 */
#include <sdk/hf.h>

#include "sp_common.h"

/* Rounds between two looks for the managed-exit interrupt. */
#define SP_LOOP_POLL 4096u

/*
 * Up to x[0] rounds of h = h * 31 + i (kept from being folded by the compiler): x[0] becomes
 * the rounds run, x[1] the hash, x[2] 1 when a managed exit cut it short.
 */
static void sp_loop_hash(uint64_t x[SDK_FFA_DIRECT_PAYLOAD])
{
	uint64_t h = 0, i;

	x[2] = 0;
	for (i = 0; i < x[0]; i++) {
		h = h * 31u + i;
		__asm__ volatile("" : "+r"(h));
		if ((i + 1) % SP_LOOP_POLL == 0 &&
		    sdk_hf_interrupt_get() == SDK_HF_MANAGED_EXIT_INTID) {
			x[2] = 1;
			i++;
			break;
		}
	}
	x[0] = i;
	x[1] = h;
}

int main(void)
{
	struct sdk_smccc_regs r;
	uint64_t x[SDK_FFA_DIRECT_PAYLOAD];
	uint16_t self;

	sdk_ffa_version(0x10002);
	self = sp_self();
	/* Answered -1 (not ours) or NOT_SUPPORTED outside Hafnium: then never signalled. */
	sdk_hf_interrupt_enable(SDK_HF_MANAGED_EXIT_INTID, true, SDK_HF_INTERRUPT_IRQ);
	sdk_ffa_console_puts("loop: ready\n");
	r = sdk_ffa_msg_wait(0);
	for (;;) {
		uint32_t fid = (uint32_t)r.x[0];

		if (fid == FFA_MSG_SEND_DIRECT_REQ_64) {
			for (unsigned i = 0; i < SDK_FFA_DIRECT_PAYLOAD; i++)
				x[i] = r.x[3 + i];
			sp_loop_hash(x);
			r = sdk_ffa_direct_resp_64(self, sp_source(&r), x);
		} else if (fid == FFA_MSG_SEND_DIRECT_REQ_32) {
			uint32_t w[SDK_FFA_DIRECT_PAYLOAD];

			for (unsigned i = 0; i < SDK_FFA_DIRECT_PAYLOAD; i++)
				w[i] = (uint32_t)r.x[3 + i];
			r = sdk_ffa_direct_resp_32(self, sp_source(&r), w);
		} else {
			r = sdk_ffa_msg_wait(0);
		}
	}
}
