/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Example partition: logs every request with FFA_CONSOLE_LOG (its lines carry its name) and
 * answers DIRECT_REQ_32 with the number of requests so far in w3.
 */
#include "sp_common.h"

int main(void)
{
	uint32_t w[SDK_FFA_DIRECT_PAYLOAD] = {0};
	struct sdk_smccc_regs r;
	char line[96];
	uint32_t count = 0;
	uint16_t self;

	sdk_ffa_version(0x10002);
	self = sp_self();
	sdk_ffa_console_puts("logger: ready\n");
	r = sdk_ffa_msg_wait(0);
	for (;;) {
		if ((uint32_t)r.x[0] != FFA_MSG_SEND_DIRECT_REQ_32) {
			r = sdk_ffa_msg_wait(0);
			continue;
		}
		count++;
		sdk_snprintf(line, sizeof(line), "logger: request %u from 0x%04x, w3=0x%x\n",
			     (unsigned)count, (unsigned)sp_source(&r), (unsigned)r.x[3]);
		sdk_ffa_console_puts(line);
		w[0] = count;
		r = sdk_ffa_direct_resp_32(self, sp_source(&r), w);
	}
}
