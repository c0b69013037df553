/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test partition: answers DIRECT_REQ_32 with w3 + 1, except that w3 == 1 makes it read the
 * normal world's RAM (0x40000000), which it must not be able to: an isolation fault. Built
 * with -DSP_FAIL_AT_BOOT it reads that memory before its first FFA_MSG_WAIT instead.
 */
#include <sdk/sdk.h>
#include <sdk/ffa.h>

#define NORMAL_WORLD_RAM 0x40000000ul

int main(void)
{
	uint32_t w[SDK_FFA_DIRECT_PAYLOAD] = {0};
	struct sdk_smccc_regs r;
	uint16_t self;

	r = sdk_ffa_id_get();
	self = (uint16_t)r.x[2];
#ifdef SP_FAIL_AT_BOOT
	w[0] = (uint32_t) * (volatile uint64_t *)NORMAL_WORLD_RAM;
#endif
	r = sdk_ffa_msg_wait(0);
	for (;;) {
		if ((uint32_t)r.x[0] != FFA_MSG_SEND_DIRECT_REQ_32) {
			r = sdk_ffa_msg_wait(0);
			continue;
		}
		if ((uint32_t)r.x[3] == 1)
			w[0] = (uint32_t) * (volatile uint64_t *)NORMAL_WORLD_RAM;
		w[0] = (uint32_t)r.x[3] + 1;
		r = sdk_ffa_direct_resp_32(self, (uint16_t)(r.x[1] >> 16), w);
	}
}
