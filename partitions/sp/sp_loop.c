/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Example partition: a long computation, for preemption. A DIRECT_REQ_64 with x3 = n runs n
 * rounds of a small hash and answers DIRECT_RESP_64 with x3 = n and x4 = the hash; it makes
 * no call while it computes, so only an interrupt (a timeslice's end) hands the CPU back
 * before it answers. Other requests are echoed; FFA_RUN cycles while it waits are given back.
 */
#include "sp_common.h"

/* n rounds of h = h * 31 + i (kept from being folded by the compiler). */
static uint64_t sp_loop_hash(uint64_t n)
{
	uint64_t h = 0;

	for (uint64_t i = 0; i < n; i++) {
		h = h * 31u + i;
		__asm__ volatile("" : "+r"(h));
	}
	return h;
}

int main(void)
{
	struct sdk_smccc_regs r;
	uint64_t x[SDK_FFA_DIRECT_PAYLOAD];
	uint16_t self;

	sdk_ffa_version(0x10002);
	self = sp_self();
	sdk_ffa_console_puts("loop: ready\n");
	r = sdk_ffa_msg_wait(0);
	for (;;) {
		uint32_t fid = (uint32_t)r.x[0];

		if (fid == FFA_MSG_SEND_DIRECT_REQ_64) {
			for (unsigned i = 0; i < SDK_FFA_DIRECT_PAYLOAD; i++)
				x[i] = r.x[3 + i];
			x[1] = sp_loop_hash(x[0]);
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
