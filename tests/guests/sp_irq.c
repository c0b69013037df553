/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test partition that owns secure interrupt SP_IRQ_ID (its manifest's device interrupt): it
 * enables it with Hafnium's HF_INTERRUPT_ENABLE while it boots; when the SPMC runs it for the
 * interrupt (FFA_INTERRUPT as the return of its FFA_MSG_WAIT) it takes it with
 * HF_INTERRUPT_GET, deactivates it with HF_INTERRUPT_DEACTIVATE, logs it and waits again. A
 * DIRECT_REQ_32 answers w3 = interrupts taken, w4 = the last ID, w5 = ENABLE's answer,
 * w6 = the last DEACTIVATE's answer.
 */
#include <sdk/sdk.h>
#include <sdk/ffa.h>
#include <sdk/hf.h>
#include <sdk/printf.h>

#define SP_IRQ_ID 56u

int main(void)
{
	uint32_t w[SDK_FFA_DIRECT_PAYLOAD] = {0};
	struct sdk_smccc_regs r;
	uint16_t self;

	sdk_ffa_version(0x10002);
	self = (uint16_t)sdk_ffa_id_get().x[2];
	w[2] = (uint32_t)sdk_hf_interrupt_enable(SP_IRQ_ID, true, SDK_HF_INTERRUPT_IRQ);
	r = sdk_ffa_msg_wait(0);
	for (;;) {
		uint32_t fid = (uint32_t)r.x[0];

		if (fid == FFA_INTERRUPT_32) {
			uint64_t hint = r.x[2];
			uint32_t id = sdk_hf_interrupt_get();
			char line[64];

			w[3] = (uint32_t)sdk_hf_interrupt_deactivate(id, id);
			w[0]++;
			w[1] = id;
			sdk_snprintf(line, sizeof(line), "irq: took %u (w2 %lu)\n", id, hint);
			sdk_ffa_console_puts(line);
			r = sdk_ffa_msg_wait(0);
		} else if (fid == FFA_MSG_SEND_DIRECT_REQ_32) {
			r = sdk_ffa_direct_resp_32(self, (uint16_t)(r.x[1] >> 16), w);
		} else {
			r = sdk_ffa_msg_wait(0);
		}
	}
}
