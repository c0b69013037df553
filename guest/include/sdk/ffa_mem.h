/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FF-A memory management for guests (FF-A v1.2 (DEN0077A) §10-§11): typed wrappers for every
 * memory call, each returning the whole answer (x0-x17) as the calls of <sdk/ffa.h> do, and
 * builders of the descriptors they carry, written by abi/memdesc.c, the same code the
 * simulator's SPMC reads them with.
 *
 * Transmission buffers: share, lend, donate and a retrieve request take their descriptor from
 * the caller's TX buffer (buf 0, pages 0) or from a buffer the caller names by address and
 * 4 KiB page count (w3/x3, w4). A descriptor longer than the buffer goes in fragments:
 * the first with the call, the rest with FFA_MEM_FRAG_TX, each after the callee's
 * FFA_MEM_FRAG_RX (sdk_ffa_mem_send_fragments does the loop).
 */
#ifndef SDK_FFA_MEM_H
#define SDK_FFA_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <abi/memdesc.h>
#include <sdk/smccc.h>

/* FFA_MEM_PERM_SET/GET permissions (FF-A v1.2 (DEN0077A) §13, FFA_MEM_PERM_SET w3):
 * bits 1:0 data access (0 none, 1 read-write, 3 read-only), bit 2 set: not executable. */
#define SDK_FFA_MEM_PERM_NO_ACCESS 0u
#define SDK_FFA_MEM_PERM_RW 1u
#define SDK_FFA_MEM_PERM_RO 3u
#define SDK_FFA_MEM_PERM_DATA_MASK 3u
#define SDK_FFA_MEM_PERM_NX (1u << 2)

/* The most receivers one builder holds (the descriptor's own limit). */
#define SDK_FFA_MEM_MAX_RECEIVERS FFA_MEM_MAX_RECEIVERS

/*
 * A transaction being built: the header and receivers (abi/memdesc's parsed form) and the
 * caller's constituents, which the builder points at (they are not copied).
 */
struct sdk_ffa_mem_desc {
	struct ffa_mem_txn txn;
	const struct ffa_mem_range *ranges;
	uint32_t range_count;
};

/*
 * FFA_MEM_SHARE_32/_64, FFA_MEM_LEND_32/_64, FFA_MEM_DONATE_32/_64: w1 the descriptor's total
 * length, w2 the length of this (first) fragment, x3 the buffer's address and w4 its page
 * count (both 0: the TX buffer). FFA_SUCCESS carries the handle in w2 (low) and w3 (high);
 * FFA_MEM_FRAG_RX asks for the next fragment (w1/w2 the handle, w3 the bytes received).
 */
struct sdk_smccc_regs sdk_ffa_mem_share_32(uint32_t total_len, uint32_t frag_len, uint32_t buf,
					   uint32_t pages);
struct sdk_smccc_regs sdk_ffa_mem_share_64(uint32_t total_len, uint32_t frag_len, uint64_t buf,
					   uint32_t pages);
struct sdk_smccc_regs sdk_ffa_mem_lend_32(uint32_t total_len, uint32_t frag_len, uint32_t buf,
					  uint32_t pages);
struct sdk_smccc_regs sdk_ffa_mem_lend_64(uint32_t total_len, uint32_t frag_len, uint64_t buf,
					  uint32_t pages);
struct sdk_smccc_regs sdk_ffa_mem_donate_32(uint32_t total_len, uint32_t frag_len, uint32_t buf,
					    uint32_t pages);
struct sdk_smccc_regs sdk_ffa_mem_donate_64(uint32_t total_len, uint32_t frag_len, uint64_t buf,
					    uint32_t pages);

/*
 * FFA_MEM_RETRIEVE_REQ_32/_64: the same registers as a share. The answer is
 * FFA_MEM_RETRIEVE_RESP with w1 the response's total length and w2 the length of the fragment
 * in the RX buffer.
 */
struct sdk_smccc_regs sdk_ffa_mem_retrieve_req_32(uint32_t total_len, uint32_t frag_len,
						  uint32_t buf, uint32_t pages);
struct sdk_smccc_regs sdk_ffa_mem_retrieve_req_64(uint32_t total_len, uint32_t frag_len,
						  uint64_t buf, uint32_t pages);

/*
 * FFA_MEM_FRAG_RX: asks for the fragment at byte frag_offset of the transaction `handle`
 * (w1/w2); w4[31:16] the endpoint a hypervisor asks for (0 otherwise). Answered by
 * FFA_MEM_FRAG_TX (w3 the fragment's length, in the RX buffer).
 */
struct sdk_smccc_regs sdk_ffa_mem_frag_rx(uint64_t handle, uint32_t frag_offset, uint16_t endpoint);

/*
 * FFA_MEM_FRAG_TX: the next frag_len bytes of the descriptor of `handle` are in the TX
 * buffer; w4[31:16] the sender a hypervisor names (0 otherwise). Answered by FFA_MEM_FRAG_RX
 * (more wanted) or FFA_SUCCESS (w2/w3 the handle).
 */
struct sdk_smccc_regs sdk_ffa_mem_frag_tx(uint64_t handle, uint32_t frag_len, uint16_t endpoint);

/* FFA_MEM_RELINQUISH: the relinquish descriptor is in the TX buffer. */
struct sdk_smccc_regs sdk_ffa_mem_relinquish(void);

/* FFA_MEM_RECLAIM: handle in w1/w2, flags (FFA_MEM_RECLAIM_*) in w3. */
struct sdk_smccc_regs sdk_ffa_mem_reclaim(uint64_t handle, uint32_t flags);

/*
 * FFA_MEM_PERM_GET_32/_64: the permissions of the page at va (x1); w2 the count of further
 * pages to ask about (FF-A v1.3; 0 before). FFA_SUCCESS: w2 the SDK_FFA_MEM_PERM_* value.
 */
struct sdk_smccc_regs sdk_ffa_mem_perm_get_32(uint32_t va, uint32_t extra_pages);
struct sdk_smccc_regs sdk_ffa_mem_perm_get_64(uint64_t va, uint32_t extra_pages);

/* FFA_MEM_PERM_SET_32/_64: pages 4 KiB pages at va (x1, w2) get perms (w3, SDK_FFA_MEM_PERM_*). */
struct sdk_smccc_regs sdk_ffa_mem_perm_set_32(uint32_t va, uint32_t pages, uint32_t perms);
struct sdk_smccc_regs sdk_ffa_mem_perm_set_64(uint64_t va, uint32_t pages, uint32_t perms);

/*
 * The handle an answer carries: FFA_SUCCESS (w2/w3) after a send, FFA_MEM_FRAG_RX or
 * FFA_MEM_FRAG_TX (w1/w2) in the middle of one; FFA_MEM_HANDLE_INVALID for anything else.
 */
uint64_t sdk_ffa_mem_answer_handle(const struct sdk_smccc_regs *r);

/*
 * Starts a share, lend or donate from sender: memory attributes (FFA_MEM_ATTR_*) and
 * transaction flags (FFA_MEM_FLAG_*), no receiver, no constituent, handle 0, tag 0.
 */
void sdk_ffa_mem_desc_init(struct sdk_ffa_mem_desc *d, uint16_t sender, uint16_t attributes,
			   uint32_t flags);

/*
 * Starts a retrieve request for handle, from receiver `self` with its permissions; sender
 * the owner's ID; flags the transaction type (FFA_MEM_FLAG_TYPE_*) and retrieve flags.
 */
void sdk_ffa_mem_retrieve_init(struct sdk_ffa_mem_desc *d, uint16_t sender, uint64_t handle,
			       uint16_t attributes, uint32_t flags, uint16_t self, uint8_t perms);

/* Adds a receiver with its permissions (FFA_MEM_DATA_* | FFA_MEM_INSN_*) and flags
 * (FFA_MEM_RECV_*). False when the descriptor already has 8. */
bool sdk_ffa_mem_desc_add_receiver(struct sdk_ffa_mem_desc *d, uint16_t id, uint8_t perms,
				   uint8_t flags);

/* Sets the implementation-defined field of receiver i (written only in the v1.2 layout). */
bool sdk_ffa_mem_desc_set_impdef(struct sdk_ffa_mem_desc *d, uint32_t i, uint64_t lo, uint64_t hi);

/* Names count constituents (kept by pointer: they must outlive the write). */
void sdk_ffa_mem_desc_set_ranges(struct sdk_ffa_mem_desc *d, const struct ffa_mem_range *ranges,
				 uint32_t count);

/* The length sdk_ffa_mem_desc_write() needs in the layout of version. */
uint32_t sdk_ffa_mem_desc_size(const struct sdk_ffa_mem_desc *d, uint32_t version);

/*
 * Writes the descriptor in the layout of FF-A version into buf (cap bytes). Returns its
 * length, or 0 when it does not fit or has no receiver, or a field cannot be expressed in
 * that layout (abi/memdesc's ffa_memdesc_write).
 */
uint32_t sdk_ffa_mem_desc_write(const struct sdk_ffa_mem_desc *d, void *buf, uint32_t cap,
				uint32_t version);

/*
 * Writes a relinquish descriptor for handle from endpoint self with flags
 * (FFA_MEM_RELINQUISH_*) into buf; returns its length, or 0 when it does not fit.
 */
uint32_t sdk_ffa_mem_relinquish_write(void *buf, uint32_t cap, uint64_t handle, uint32_t flags,
				      uint16_t self);

/*
 * Sends a descriptor of len bytes (desc, built anywhere) with share/lend/donate `fid` through
 * the TX buffer (tx, tx_size bytes): as much as fits, whole constituents, goes with the call,
 * the rest with FFA_MEM_FRAG_TX while the callee answers FFA_MEM_FRAG_RX at the offset it
 * names. endpoint goes in FRAG_TX's w4[31:16] (a hypervisor's; 0 otherwise). Returns the
 * last answer: FFA_SUCCESS with the handle, or the error that stopped it. *fragments (may be
 * NULL) gets the number of fragments sent.
 */
struct sdk_smccc_regs sdk_ffa_mem_send_fragments(uint32_t fid, const void *desc, uint32_t len,
						 void *tx, uint32_t tx_size, uint16_t endpoint,
						 uint32_t *fragments);

/*
 * Reads a whole retrieve response after `resp` (the FFA_MEM_RETRIEVE_RESP answer) into out
 * (cap bytes): copies the fragment from the RX buffer (rx), releases it, and asks for the
 * next with FFA_MEM_FRAG_RX until the total length is read; releases the RX buffer at the end.
 * handle names the transaction for FRAG_RX. Returns the length read, or 0 on an error answer
 * (then *err, when not NULL, holds the answer) or when the response does not fit in cap.
 * *fragments (may be NULL) gets the number of fragments read.
 */
uint32_t sdk_ffa_mem_retrieve_read(const struct sdk_smccc_regs *resp, uint64_t handle,
				   const void *rx, uint32_t rx_size, void *out, uint32_t cap,
				   uint32_t *fragments, struct sdk_smccc_regs *err);

#endif
