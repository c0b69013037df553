/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Example partition: an echo service under two UUIDs. It answers DIRECT_REQ (32/64) with
 * DIRECT_RESP of the same width and DIRECT_REQ2 with DIRECT_RESP2, the payload echoed.
 */
#include "sp_common.h"

int main(void)
{
	uint32_t w[SDK_FFA_DIRECT_PAYLOAD];
	uint64_t x[SDK_FFA_DIRECT2_PAYLOAD];
	struct sdk_smccc_regs r;
	uint16_t self;

	sdk_ffa_version(0x10002);
	self = sp_self();
	sdk_ffa_console_puts("echo2: ready, two services\n");
	r = sdk_ffa_msg_wait(0);
	for (;;) {
		uint32_t fid = (uint32_t)r.x[0];

		if (fid == FFA_MSG_SEND_DIRECT_REQ_32) {
			for (unsigned i = 0; i < SDK_FFA_DIRECT_PAYLOAD; i++)
				w[i] = (uint32_t)r.x[3 + i];
			r = sdk_ffa_direct_resp_32(self, sp_source(&r), w);
		} else if (fid == FFA_MSG_SEND_DIRECT_REQ_64) {
			r = sdk_ffa_direct_resp_64(self, sp_source(&r), &r.x[3]);
		} else if (fid == FFA_MSG_SEND_DIRECT_REQ2_64) {
			for (unsigned i = 0; i < SDK_FFA_DIRECT2_PAYLOAD; i++)
				x[i] = r.x[4 + i];
			r = sdk_ffa_direct_resp2(self, sp_source(&r), x);
		} else {
			r = sdk_ffa_msg_wait(0);
		}
	}
}
