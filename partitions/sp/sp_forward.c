/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Example partition: forwards each DIRECT_REQ_32 to the partition named in w3 (bits 15:0), with
 * w4-w7 as its payload, and answers with the reply's payload plus one in each word: a
 * combined answer from a partition-to-partition call.
 */
#include "sp_common.h"

int main(void)
{
	uint32_t w[SDK_FFA_DIRECT_PAYLOAD];
	struct sdk_smccc_regs r, reply;
	uint16_t self;

	sdk_ffa_version(0x10002);
	self = sp_self();
	sdk_ffa_console_puts("forward: ready\n");
	r = sdk_ffa_msg_wait(0);
	for (;;) {
		uint16_t caller = sp_source(&r);
		uint16_t target = (uint16_t)r.x[3];

		if ((uint32_t)r.x[0] != FFA_MSG_SEND_DIRECT_REQ_32) {
			r = sdk_ffa_msg_wait(0);
			continue;
		}
		w[0] = 0;
		for (unsigned i = 1; i < SDK_FFA_DIRECT_PAYLOAD; i++)
			w[i] = (uint32_t)r.x[3 + i];
		reply = sdk_ffa_direct_req_32(self, target, w);
		if ((uint32_t)reply.x[0] != FFA_MSG_SEND_DIRECT_RESP_32) {
			/* No answer from the target: say so with its error code in w3. */
			w[0] = 0xdead;
			w[1] = (uint32_t)reply.x[2];
			for (unsigned i = 2; i < SDK_FFA_DIRECT_PAYLOAD; i++)
				w[i] = 0;
		} else {
			w[0] = target;
			for (unsigned i = 1; i < SDK_FFA_DIRECT_PAYLOAD; i++)
				w[i] = (uint32_t)reply.x[3 + i] + 1;
		}
		r = sdk_ffa_direct_resp_32(self, caller, w);
	}
}
