/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FF-A memory management calls and descriptor builders for guests (FF-A v1.2 (DEN0077A)
 * §10-§11). The builders fill abi/memdesc's parsed form and write it with ffa_memdesc_write,
 * the code the simulator's SPMC reads descriptors with.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sdk/ffa.h>
#include <sdk/ffa_mem.h>
#include <sdk/smccc.h>
#include <sdk/string.h>

/* Issues fid with w1-w4 (the rest zero) and returns the answer. */
static struct sdk_smccc_regs mem_call(uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
				      uint64_t a4)
{
	struct sdk_smccc_regs r;

	memset(&r, 0, sizeof(r));
	r.x[0] = fid;
	r.x[1] = a1;
	r.x[2] = a2;
	r.x[3] = a3;
	r.x[4] = a4;
	sdk_ffa_call(&r);
	return r;
}

static uint32_t mem_lo(uint64_t handle)
{
	return (uint32_t)handle;
}

static uint32_t mem_hi(uint64_t handle)
{
	return (uint32_t)(handle >> 32);
}

struct sdk_smccc_regs sdk_ffa_mem_share_32(uint32_t total_len, uint32_t frag_len, uint32_t buf,
					   uint32_t pages)
{
	return mem_call(FFA_MEM_SHARE_32, total_len, frag_len, buf, pages);
}

struct sdk_smccc_regs sdk_ffa_mem_share_64(uint32_t total_len, uint32_t frag_len, uint64_t buf,
					   uint32_t pages)
{
	return mem_call(FFA_MEM_SHARE_64, total_len, frag_len, buf, pages);
}

struct sdk_smccc_regs sdk_ffa_mem_lend_32(uint32_t total_len, uint32_t frag_len, uint32_t buf,
					  uint32_t pages)
{
	return mem_call(FFA_MEM_LEND_32, total_len, frag_len, buf, pages);
}

struct sdk_smccc_regs sdk_ffa_mem_lend_64(uint32_t total_len, uint32_t frag_len, uint64_t buf,
					  uint32_t pages)
{
	return mem_call(FFA_MEM_LEND_64, total_len, frag_len, buf, pages);
}

struct sdk_smccc_regs sdk_ffa_mem_donate_32(uint32_t total_len, uint32_t frag_len, uint32_t buf,
					    uint32_t pages)
{
	return mem_call(FFA_MEM_DONATE_32, total_len, frag_len, buf, pages);
}

struct sdk_smccc_regs sdk_ffa_mem_donate_64(uint32_t total_len, uint32_t frag_len, uint64_t buf,
					    uint32_t pages)
{
	return mem_call(FFA_MEM_DONATE_64, total_len, frag_len, buf, pages);
}

struct sdk_smccc_regs sdk_ffa_mem_retrieve_req_32(uint32_t total_len, uint32_t frag_len,
						  uint32_t buf, uint32_t pages)
{
	return mem_call(FFA_MEM_RETRIEVE_REQ_32, total_len, frag_len, buf, pages);
}

struct sdk_smccc_regs sdk_ffa_mem_retrieve_req_64(uint32_t total_len, uint32_t frag_len,
						  uint64_t buf, uint32_t pages)
{
	return mem_call(FFA_MEM_RETRIEVE_REQ_64, total_len, frag_len, buf, pages);
}

struct sdk_smccc_regs sdk_ffa_mem_frag_rx(uint64_t handle, uint32_t frag_offset, uint16_t endpoint)
{
	return mem_call(FFA_MEM_FRAG_RX, mem_lo(handle), mem_hi(handle), frag_offset,
			(uint32_t)endpoint << 16);
}

struct sdk_smccc_regs sdk_ffa_mem_frag_tx(uint64_t handle, uint32_t frag_len, uint16_t endpoint)
{
	return mem_call(FFA_MEM_FRAG_TX, mem_lo(handle), mem_hi(handle), frag_len,
			(uint32_t)endpoint << 16);
}

struct sdk_smccc_regs sdk_ffa_mem_relinquish(void)
{
	return mem_call(FFA_MEM_RELINQUISH, 0, 0, 0, 0);
}

struct sdk_smccc_regs sdk_ffa_mem_reclaim(uint64_t handle, uint32_t flags)
{
	return mem_call(FFA_MEM_RECLAIM, mem_lo(handle), mem_hi(handle), flags, 0);
}

struct sdk_smccc_regs sdk_ffa_mem_perm_get_32(uint32_t va, uint32_t extra_pages)
{
	return mem_call(FFA_MEM_PERM_GET_32, va, extra_pages, 0, 0);
}

struct sdk_smccc_regs sdk_ffa_mem_perm_get_64(uint64_t va, uint32_t extra_pages)
{
	return mem_call(FFA_MEM_PERM_GET_64, va, extra_pages, 0, 0);
}

struct sdk_smccc_regs sdk_ffa_mem_perm_set_32(uint32_t va, uint32_t pages, uint32_t perms)
{
	return mem_call(FFA_MEM_PERM_SET_32, va, pages, perms, 0);
}

struct sdk_smccc_regs sdk_ffa_mem_perm_set_64(uint64_t va, uint32_t pages, uint32_t perms)
{
	return mem_call(FFA_MEM_PERM_SET_64, va, pages, perms, 0);
}

uint64_t sdk_ffa_mem_answer_handle(const struct sdk_smccc_regs *r)
{
	uint32_t fid = (uint32_t)r->x[0];

	if (fid == FFA_SUCCESS_32 || fid == FFA_SUCCESS_64)
		return ffa_mem_handle((uint32_t)r->x[2], (uint32_t)r->x[3]);
	if (fid == FFA_MEM_FRAG_RX || fid == FFA_MEM_FRAG_TX)
		return ffa_mem_handle((uint32_t)r->x[1], (uint32_t)r->x[2]);
	return FFA_MEM_HANDLE_INVALID;
}

void sdk_ffa_mem_desc_init(struct sdk_ffa_mem_desc *d, uint16_t sender, uint16_t attributes,
			   uint32_t flags)
{
	memset(d, 0, sizeof(*d));
	d->txn.sender = sender;
	d->txn.attributes = attributes;
	d->txn.flags = flags;
}

void sdk_ffa_mem_retrieve_init(struct sdk_ffa_mem_desc *d, uint16_t sender, uint64_t handle,
			       uint16_t attributes, uint32_t flags, uint16_t self, uint8_t perms)
{
	sdk_ffa_mem_desc_init(d, sender, attributes, flags);
	d->txn.handle = handle;
	sdk_ffa_mem_desc_add_receiver(d, self, perms, 0);
}

bool sdk_ffa_mem_desc_add_receiver(struct sdk_ffa_mem_desc *d, uint16_t id, uint8_t perms,
				   uint8_t flags)
{
	struct ffa_mem_receiver *rx;

	if (d->txn.receiver_count >= SDK_FFA_MEM_MAX_RECEIVERS)
		return false;
	rx = &d->txn.receivers[d->txn.receiver_count++];
	memset(rx, 0, sizeof(*rx));
	rx->id = id;
	rx->perms = perms;
	rx->flags = flags;
	return true;
}

bool sdk_ffa_mem_desc_set_impdef(struct sdk_ffa_mem_desc *d, uint32_t i, uint64_t lo, uint64_t hi)
{
	if (i >= d->txn.receiver_count)
		return false;
	d->txn.receivers[i].impdef[0] = lo;
	d->txn.receivers[i].impdef[1] = hi;
	return true;
}

void sdk_ffa_mem_desc_set_ranges(struct sdk_ffa_mem_desc *d, const struct ffa_mem_range *ranges,
				 uint32_t count)
{
	d->ranges = ranges;
	d->range_count = count;
}

uint32_t sdk_ffa_mem_desc_size(const struct sdk_ffa_mem_desc *d, uint32_t version)
{
	return ffa_memdesc_size(version, d->txn.receiver_count, d->range_count);
}

uint32_t sdk_ffa_mem_desc_write(const struct sdk_ffa_mem_desc *d, void *buf, uint32_t cap,
				uint32_t version)
{
	return ffa_memdesc_write(buf, cap, version, &d->txn, d->ranges, d->range_count);
}

uint32_t sdk_ffa_mem_relinquish_write(void *buf, uint32_t cap, uint64_t handle, uint32_t flags,
				      uint16_t self)
{
	struct ffa_mem_relinquish rel;

	memset(&rel, 0, sizeof(rel));
	rel.handle = handle;
	rel.flags = flags;
	rel.endpoint_count = 1;
	rel.endpoints[0] = self;
	return ffa_memdesc_write_relinquish(buf, cap, &rel);
}

/* The bytes of a fragment starting at offset: what fits in the buffer, whole constituents
 * (every part of a descriptor is a multiple of 16 bytes, FF-A v1.2 (DEN0077A) §10.11). */
static uint32_t mem_frag_len(uint32_t len, uint32_t offset, uint32_t buf_size)
{
	uint32_t left = len - offset;
	uint32_t room = buf_size & ~(FFA_MEMDESC_CONSTITUENT_SIZE - 1);

	return left < room ? left : room;
}

struct sdk_smccc_regs sdk_ffa_mem_send_fragments(uint32_t fid, const void *desc, uint32_t len,
						 void *tx, uint32_t tx_size, uint16_t endpoint,
						 uint32_t *fragments)
{
	const uint8_t *src = desc;
	uint32_t frag = mem_frag_len(len, 0, tx_size);
	uint32_t count = 1;
	struct sdk_smccc_regs r;

	memcpy(tx, src, frag);
	r = mem_call(fid, len, frag, 0, 0);
	while ((uint32_t)r.x[0] == FFA_MEM_FRAG_RX) {
		uint32_t offset = (uint32_t)r.x[3];

		/* The callee names how much it holds; a wrong offset ends the loop. */
		if (offset == 0 || offset >= len)
			break;
		frag = mem_frag_len(len, offset, tx_size);
		memcpy(tx, src + offset, frag);
		r = sdk_ffa_mem_frag_tx(sdk_ffa_mem_answer_handle(&r), frag, endpoint);
		count++;
	}
	if (fragments != NULL)
		*fragments = count;
	return r;
}

uint32_t sdk_ffa_mem_retrieve_read(const struct sdk_smccc_regs *resp, uint64_t handle,
				   const void *rx, uint32_t rx_size, void *out, uint32_t cap,
				   uint32_t *fragments, struct sdk_smccc_regs *err)
{
	uint8_t *dst = out;
	struct sdk_smccc_regs r = *resp;
	uint32_t total = (uint32_t)resp->x[1];
	uint32_t got = 0;
	uint32_t count = 0;

	if ((uint32_t)r.x[0] != FFA_MEM_RETRIEVE_RESP) {
		if (err != NULL)
			*err = r;
		return 0;
	}
	for (;;) {
		/* RETRIEVE_RESP carries the fragment's length in w2, FRAG_TX in w3. */
		uint32_t frag = (uint32_t)(count == 0 ? r.x[2] : r.x[3]);

		if (frag == 0 || frag > rx_size || frag > total - got || got + frag > cap) {
			sdk_ffa_rx_release();
			if (err != NULL)
				*err = r;
			return 0;
		}
		memcpy(dst + got, rx, frag);
		got += frag;
		count++;
		sdk_ffa_rx_release();
		if (got == total)
			break;
		r = sdk_ffa_mem_frag_rx(handle, got, 0);
		if ((uint32_t)r.x[0] != FFA_MEM_FRAG_TX) {
			if (err != NULL)
				*err = r;
			return 0;
		}
	}
	if (fragments != NULL)
		*fragments = count;
	return got;
}
