/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test partition: the middle of a call chain. Each DIRECT_REQ_64 it gets is sent on, payload
 * and all, to the looping partition tests/guests/sp_vloop.c (0x8005); an FFA_INTERRUPT that
 * answers it resumes that one with FFA_RUN. It answers its requester with the looping
 * partition's answer (x3 = rounds run, x4 = hash, x5-x7 as sp_vloop gives them), except
 * that x3 bits 63:32 count the FFA_INTERRUPTs its own request returned: none when a secure
 * interrupt's owner further back in the chain takes them (the relay stays blocked).
 */
#include <sdk/sdk.h>
#include <sdk/ffa.h>

#define RELAY_TARGET 0x8005u

int main(void)
{
	struct sdk_smccc_regs r, a;
	uint64_t x[SDK_FFA_DIRECT_PAYLOAD];
	uint64_t interrupts;
	uint16_t self;

	sdk_ffa_version(0x10002);
	self = (uint16_t)sdk_ffa_id_get().x[2];
	r = sdk_ffa_msg_wait(0);
	for (;;) {
		if ((uint32_t)r.x[0] != FFA_MSG_SEND_DIRECT_REQ_64) {
			r = sdk_ffa_msg_wait(0);
			continue;
		}
		for (unsigned i = 0; i < SDK_FFA_DIRECT_PAYLOAD; i++)
			x[i] = r.x[3 + i];
		interrupts = 0;
		a = sdk_ffa_direct_req_64(self, RELAY_TARGET, x);
		while ((uint32_t)a.x[0] == FFA_INTERRUPT_32) {
			interrupts++;
			a = sdk_ffa_run(RELAY_TARGET, 0);
		}
		for (unsigned i = 0; i < SDK_FFA_DIRECT_PAYLOAD; i++)
			x[i] = a.x[3 + i];
		x[0] = (x[0] & 0xffffffffu) | interrupts << 32;
		r = sdk_ffa_direct_resp_64(self, (uint16_t)(r.x[1] >> 16), x);
	}
}
