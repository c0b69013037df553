/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test partition that owns a device window with fixed read values (tests/data/platform/
 * device_reads.yaml, the window at DEVICE_BASE): answers each DIRECT_REQ_32 with what it reads
 * there, in w3-w7: the 32-bit register at 0x0, the low and high halves of the 64-bit one at
 * 0x8, the byte at 0x10 with the 16-bit read at 0x2 above it, and the register at 0x0 read
 * again after a write (ignored) with a word that reads as zero (0x20) ORed in.
 */
#include <sdk/sdk.h>
#include <sdk/ffa.h>

#define DEVICE_BASE 0x0a000000ul

static uint64_t rd(unsigned offset, unsigned width)
{
	volatile void *p = (volatile void *)(DEVICE_BASE + offset);

	switch (width) {
	case 1:
		return *(volatile uint8_t *)p;
	case 2:
		return *(volatile uint16_t *)p;
	case 4:
		return *(volatile uint32_t *)p;
	default:
		return *(volatile uint64_t *)p;
	}
}

int main(void)
{
	uint32_t w[SDK_FFA_DIRECT_PAYLOAD] = {0};
	struct sdk_smccc_regs r;
	uint16_t self;
	uint64_t wide;

	r = sdk_ffa_id_get();
	self = (uint16_t)r.x[2];
	r = sdk_ffa_msg_wait(0);
	for (;;) {
		if ((uint32_t)r.x[0] != FFA_MSG_SEND_DIRECT_REQ_32) {
			r = sdk_ffa_msg_wait(0);
			continue;
		}
		wide = rd(0x8, 8);
		w[0] = (uint32_t)rd(0x0, 4);
		w[1] = (uint32_t)wide;
		w[2] = (uint32_t)(wide >> 32);
		w[3] = (uint32_t)(rd(0x10, 1) | rd(0x2, 2) << 16);
		*(volatile uint32_t *)DEVICE_BASE = 0xffffffffu;
		w[4] = (uint32_t)(rd(0x0, 4) | rd(0x20, 4));
		r = sdk_ffa_direct_resp_32(self, (uint16_t)(r.x[1] >> 16), w);
	}
}
