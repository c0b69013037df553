/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The memory-management probe: negotiates FF-A v1.2, maps its buffers, then shares and lends
 * pages of its own to partition 0x8001 and reclaims them, and makes the sends a normal-world
 * driver should see refused, with the answer of each call printed register for register
 * (probe.h). Shows how the firmware allocates handles, what it answers a fragmented send, and
 * which errors it gives. The descriptors are written byte by byte in the v1.2 layout (FF-A v1.2
 * (DEN0077A) §10.11: 48-byte header, 32-byte endpoint memory access descriptors), so the probe
 * depends on nothing but the SMC helper.
 */
#include <sdk/ffa.h>
#include <sdk/sdk.h>

#include "probe.h"

#define PAGE 4096u
#define PEER 0x8001u
/* Normal memory, write-back, inner shareable (§10.10.4). */
#define ATTR_NORMAL_WB_INNER 0x2fu
#define PERM_RW 0x2u
#define FLAG_ZERO 0x1u

/* Offsets of the v1.2 layout with one receiver. */
#define HDR_SIZE 48u
#define RECV_SIZE 32u
#define COMPOSITE_OFFSET (HDR_SIZE + RECV_SIZE)
#define RANGES_OFFSET (COMPOSITE_OFFSET + 16u)

static uint8_t tx_buf[PAGE] __attribute__((aligned(PAGE)));
static uint8_t rx_buf[PAGE] __attribute__((aligned(PAGE)));
/* The pages it sends, and a buffer of its own for a descriptor (x3/x4). */
static uint8_t pages[4][PAGE] __attribute__((aligned(PAGE)));
static uint8_t own_buf[PAGE] __attribute__((aligned(PAGE)));

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

/*
 * Writes a send descriptor into buf: sender, attributes, flags, one receiver with `perms`,
 * and `count` constituents of one page each from pages[first]. Returns its length.
 */
static uint32_t desc(uint8_t *buf, uint16_t sender, uint16_t receiver, uint8_t attributes,
		     uint32_t flags, uint8_t perms, unsigned first, unsigned count)
{
	uint32_t len = RANGES_OFFSET + 16u * count;

	for (uint32_t i = 0; i < len; i++)
		buf[i] = 0;
	put16(buf + 0, sender);
	put16(buf + 2, attributes);
	put32(buf + 4, flags);
	put32(buf + 24, RECV_SIZE);
	put32(buf + 28, 1);
	put32(buf + 32, HDR_SIZE);
	put16(buf + HDR_SIZE, receiver);
	buf[HDR_SIZE + 2] = perms;
	put32(buf + HDR_SIZE + 4, COMPOSITE_OFFSET);
	put32(buf + COMPOSITE_OFFSET, count);
	put32(buf + COMPOSITE_OFFSET + 4, count);
	for (unsigned i = 0; i < count; i++) {
		put64(buf + RANGES_OFFSET + 16u * i, (uint64_t)(uintptr_t)pages[first + i]);
		put32(buf + RANGES_OFFSET + 16u * i + 8, 1);
	}
	return len;
}

/* The handle of a successful send (w2 low, w3 high), or 0. */
static uint64_t handle_of(const struct sdk_smccc_regs *r)
{
	if ((uint32_t)r->x[0] != FFA_SUCCESS_32)
		return 0;
	return (uint32_t)r->x[2] | ((uint64_t)(uint32_t)r->x[3] << 32);
}

static struct sdk_smccc_regs send(const char *label, uint32_t fid, uint32_t len)
{
	return probe_call(label, fid, len, len, 0, 0, 0, 0, 0);
}

static void reclaim(const char *label, uint64_t h)
{
	probe_call(label, FFA_MEM_RECLAIM, (uint32_t)h, (uint32_t)(h >> 32), 0, 0, 0, 0, 0);
}

int main(void)
{
	struct sdk_smccc_regs r;
	uint64_t h1, h2, h3;
	uint32_t len;

	probe_call("version", FFA_VERSION, 0x10002u, 0, 0, 0, 0, 0, 0);
	probe_call("rxtx_map", FFA_RXTX_MAP_64, (uintptr_t)tx_buf, (uintptr_t)rx_buf, 1, 0, 0, 0,
		   0);

	/* A share and a lend, and the handles they get; a reclaim and a share again. */
	len = desc(tx_buf, 0, PEER, ATTR_NORMAL_WB_INNER, 0, PERM_RW, 0, 1);
	r = send("share", FFA_MEM_SHARE_64, len);
	h1 = handle_of(&r);
	len = desc(tx_buf, 0, PEER, 0, 0, PERM_RW, 1, 1);
	r = send("lend", FFA_MEM_LEND_64, len);
	h2 = handle_of(&r);
	reclaim("reclaim_share", h1);
	reclaim("reclaim_again", h1);
	len = desc(tx_buf, 0, PEER, ATTR_NORMAL_WB_INNER, 0, PERM_RW, 0, 1);
	r = send("share_again", FFA_MEM_SHARE_32, len);
	h1 = handle_of(&r);

	/* Refusals: pages in a transaction already, the zero flag on a share, another sender,
	 * an unknown receiver, a donate, a reclaim of an unknown handle. */
	len = desc(tx_buf, 0, PEER, ATTR_NORMAL_WB_INNER, 0, PERM_RW, 0, 1);
	send("share_busy_pages", FFA_MEM_SHARE_64, len);
	len = desc(tx_buf, 0, PEER, ATTR_NORMAL_WB_INNER, FLAG_ZERO, PERM_RW, 2, 1);
	send("share_zero", FFA_MEM_SHARE_64, len);
	len = desc(tx_buf, 0x8002, PEER, ATTR_NORMAL_WB_INNER, 0, PERM_RW, 2, 1);
	send("share_other_sender", FFA_MEM_SHARE_64, len);
	len = desc(tx_buf, 0, 0x8009, ATTR_NORMAL_WB_INNER, 0, PERM_RW, 2, 1);
	send("share_unknown_receiver", FFA_MEM_SHARE_64, len);
	len = desc(tx_buf, 0, PEER, 0, 0, 0, 2, 1);
	send("donate", FFA_MEM_DONATE_64, len);
	reclaim("reclaim_unknown", 0x1234);

	/* A descriptor in a buffer of its own (x3 its address, x4 one page). */
	len = desc(own_buf, 0, PEER, ATTR_NORMAL_WB_INNER, 0, PERM_RW, 2, 1);
	r = probe_call("share_own_buffer", FFA_MEM_SHARE_64, len, len, (uintptr_t)own_buf, 1, 0, 0,
		       0);
	h3 = handle_of(&r);

	/* A descriptor in two fragments: FFA_MEM_FRAG_RX, then FFA_MEM_FRAG_TX. */
	len = desc(tx_buf, 0, PEER, ATTR_NORMAL_WB_INNER, 0, PERM_RW, 3, 1);
	r = probe_call("share_frag", FFA_MEM_SHARE_64, len, len - 16u, 0, 0, 0, 0, 0);
	if ((uint32_t)r.x[0] == FFA_MEM_FRAG_RX) {
		uint64_t h = (uint32_t)r.x[1] | ((uint64_t)(uint32_t)r.x[2] << 32);

		desc(tx_buf, 0, PEER, ATTR_NORMAL_WB_INNER, 0, PERM_RW, 3, 1);
		for (unsigned i = 0; i < 16; i++)
			tx_buf[i] = tx_buf[RANGES_OFFSET + i];
		r = probe_call("frag_tx", FFA_MEM_FRAG_TX, (uint32_t)h, (uint32_t)(h >> 32), 16, 0,
			       0, 0, 0);
		reclaim("reclaim_frag", handle_of(&r));
	}

	reclaim("reclaim_lend", h2);
	reclaim("reclaim_share_again", h1);
	if (h3 != 0)
		reclaim("reclaim_own_buffer", h3);
	return probe_end();
}
