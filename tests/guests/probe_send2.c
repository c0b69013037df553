/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The indirect-messaging probe: negotiates FF-A v1.2 and makes the normal world's
 * FFA_MSG_SEND2 (FF-A v1.2 (DEN0077A) §15.1), FFA_RX_ACQUIRE (§13.4) and FFA_RX_RELEASE (§13.5)
 * calls before and after mapping its buffers, with the answer of each printed register for
 * register (probe.h): FFA_FEATURES of the three, a send without a TX buffer, to partition
 * 0x8001 (direct messaging only, so refused for its messaging method), with a header naming
 * another sender, itself or nobody as receiver, with flags, for another VM (w1 bits 31:16), and
 * acquires and releases of its own buffer, another VM's and a partition's. The headers are
 * written byte by byte in the v1.2 layout (40 bytes: flags, reserved, offset, receiver,
 * sender, size, reserved, UUID), so the probe depends on nothing but the SMC helper.
 */
#include <sdk/ffa.h>
#include <sdk/sdk.h>

#include "probe.h"

#define PAGE 4096u
#define SP 0x8001u
#define HDR_SIZE 40u
#define MSG_SEND2 0x84000086ull
#define RX_ACQUIRE 0x84000084ull
#define RX_RELEASE 0x84000065ull
#define FEATURES 0x84000064ull

static uint8_t tx_buf[PAGE] __attribute__((aligned(PAGE)));
static uint8_t rx_buf[PAGE] __attribute__((aligned(PAGE)));

static void put32(uint8_t *p, uint32_t v)
{
	for (unsigned i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* A v1.2 header with a 4-byte payload ("ping") right after it. */
static void message(uint16_t sender, uint16_t receiver, uint32_t offset)
{
	for (unsigned i = 0; i < HDR_SIZE + 4; i++)
		tx_buf[i] = 0;
	put32(tx_buf + 8, offset);
	put32(tx_buf + 12, (uint32_t)sender << 16 | receiver);
	put32(tx_buf + 16, 4);
	tx_buf[offset] = 'p';
	tx_buf[offset + 1] = 'i';
	tx_buf[offset + 2] = 'n';
	tx_buf[offset + 3] = 'g';
}

int main(void)
{
	probe_call("version", 0x84000063u, 0x10002u, 0, 0, 0, 0, 0, 0);
	probe_call("features_send2", FEATURES, MSG_SEND2, 0, 0, 0, 0, 0, 0);
	probe_call("features_acquire", FEATURES, RX_ACQUIRE, 0, 0, 0, 0, 0, 0);
	probe_call("features_release", FEATURES, RX_RELEASE, 0, 0, 0, 0, 0, 0);

	/* No buffers yet. */
	probe_call("send2_no_tx", MSG_SEND2, 0, 0, 0, 0, 0, 0, 0);
	probe_call("release_unmapped", RX_RELEASE, 0, 0, 0, 0, 0, 0, 0);
	probe_call("acquire_unmapped", RX_ACQUIRE, 0, 0, 0, 0, 0, 0, 0);
	probe_call("rxtx_map", 0xc4000066ull, (uintptr_t)tx_buf, (uintptr_t)rx_buf, 1, 0, 0, 0, 0);

	/* Sends the real partition cannot take, and malformed ones. */
	message(0, SP, HDR_SIZE);
	probe_call("send2_sp", MSG_SEND2, 0, 0, 0, 0, 0, 0, 0);
	probe_call("send2_sp_flags", MSG_SEND2, 0, 2, 0, 0, 0, 0, 0);
	probe_call("send2_for_vm1", MSG_SEND2, 1u << 16, 0, 0, 0, 0, 0, 0);
	message(SP, 0, HDR_SIZE);
	probe_call("send2_other_sender", MSG_SEND2, 0, 0, 0, 0, 0, 0, 0);
	message(0, 0, HDR_SIZE);
	probe_call("send2_to_self", MSG_SEND2, 0, 0, 0, 0, 0, 0, 0);
	message(0, 0x8009u, HDR_SIZE);
	probe_call("send2_nobody", MSG_SEND2, 0, 0, 0, 0, 0, 0, 0);
	message(0, SP, 20);
	probe_call("send2_inside_header", MSG_SEND2, 0, 0, 0, 0, 0, 0, 0);

	/* Its own buffer, another VM's, a partition's. */
	probe_call("release_empty", RX_RELEASE, 0, 0, 0, 0, 0, 0, 0);
	probe_call("acquire_vm0", RX_ACQUIRE, 0, 0, 0, 0, 0, 0, 0);
	probe_call("acquire_vm0_again", RX_ACQUIRE, 0, 0, 0, 0, 0, 0, 0);
	probe_call("release_acquired", RX_RELEASE, 0, 0, 0, 0, 0, 0, 0);
	probe_call("release_again", RX_RELEASE, 0, 0, 0, 0, 0, 0, 0);
	probe_call("acquire_vm1", RX_ACQUIRE, 1, 0, 0, 0, 0, 0, 0);
	probe_call("acquire_sp", RX_ACQUIRE, SP, 0, 0, 0, 0, 0, 0);
	probe_call("release_vm1", RX_RELEASE, 1, 0, 0, 0, 0, 0, 0);
	probe_call("acquire_x2", RX_ACQUIRE, 0, 1, 0, 0, 0, 0, 0);
	probe_call("release_acquired_x2", RX_RELEASE, 0, 0, 0, 0, 0, 0, 0);
	return probe_end();
}
