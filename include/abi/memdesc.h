/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FF-A memory management descriptors (FF-A v1.2 (DEN0077A) §10, "Memory management
 * interfaces", and §11, the transaction descriptors), read and written in the layout of the
 * caller's FF-A version: the v1.0 memory transaction descriptor (32-byte header, 8-bit memory
 * attributes, 16-byte endpoint memory access descriptors at offset 32) and the v1.1+ one
 * (48-byte header, 16-bit attributes, the endpoint memory access descriptors' size and offset
 * in the header; 32-byte descriptors with the implementation-defined field from v1.2).
 *
 * Freestanding (no libc): the host (spmc/, hyp/, scenarios/, tests) and the guest SDK compile
 * the same code, so a descriptor a guest builds is read by the code the SPMC uses. Parsing
 * copies nothing big: constituents stay in the caller's buffer and are read one by one.
 */
#ifndef ABI_MEMDESC_H
#define ABI_MEMDESC_H

#include <stdbool.h>
#include <stdint.h>

#include "abi/fids.h"

#define FFA_MEM_PAGE_SIZE 4096u

/* Handles (FF-A v1.2 (DEN0077A) §10.2.1): bit 63 names the allocator. */
#define FFA_MEM_HANDLE_ALLOCATOR_HYP (UINT64_C(1) << 63)
#define FFA_MEM_HANDLE_INVALID UINT64_MAX

/* Memory access permissions (§10.10.1, Table 10.15): bits 1:0 data, bits 3:2 instruction. */
#define FFA_MEM_DATA_NOT_SPECIFIED 0u
#define FFA_MEM_DATA_RO 1u
#define FFA_MEM_DATA_RW 2u
#define FFA_MEM_DATA_MASK 3u
#define FFA_MEM_INSN_NOT_SPECIFIED (0u << 2)
#define FFA_MEM_INSN_NX (1u << 2)
#define FFA_MEM_INSN_X (2u << 2)
#define FFA_MEM_INSN_MASK (3u << 2)
/* Endpoint memory access descriptor flags: the receiver is a non-retrieval borrower. */
#define FFA_MEM_RECV_NON_RETRIEVAL (1u << 0)

/* Memory region attributes (§10.10.4, Table 10.18). */
#define FFA_MEM_ATTR_TYPE_SHIFT 4
#define FFA_MEM_ATTR_TYPE_MASK (3u << 4)
#define FFA_MEM_ATTR_TYPE_NOT_SPECIFIED (0u << 4)
#define FFA_MEM_ATTR_TYPE_DEVICE (1u << 4)
#define FFA_MEM_ATTR_TYPE_NORMAL (2u << 4)
#define FFA_MEM_ATTR_CACHE_MASK (3u << 2) /* normal: 1 non-cacheable, 3 write-back */
#define FFA_MEM_ATTR_CACHE_NC (1u << 2)
#define FFA_MEM_ATTR_CACHE_WB (3u << 2)
#define FFA_MEM_ATTR_DEVICE_MASK (3u << 2) /* device: nGnRnE 0 ... GRE 3 */
#define FFA_MEM_ATTR_SHARE_MASK 3u         /* normal: 0 non-shareable, 2 outer, 3 inner */
#define FFA_MEM_ATTR_SHARE_NON 0u
#define FFA_MEM_ATTR_SHARE_OUTER 2u
#define FFA_MEM_ATTR_SHARE_INNER 3u
/* v1.1+: the security state of the memory, set by the SPMC in a retrieve response. */
#define FFA_MEM_ATTR_NS (1u << 6)

/* Transaction flags (§10.11.2 Table 10.21 for share/lend/donate, Table 10.22 for retrieve). */
#define FFA_MEM_FLAG_ZERO (1u << 0)       /* lend/donate: zero before retrieval */
#define FFA_MEM_FLAG_TIME_SLICE (1u << 1) /* operation time slicing */
#define FFA_MEM_FLAG_ZERO_AFTER (1u << 2) /* retrieve: zero after relinquish */
#define FFA_MEM_FLAG_TYPE_SHIFT 3         /* retrieve: bits 4:3, the transaction type */
#define FFA_MEM_FLAG_TYPE_MASK (3u << 3)
#define FFA_MEM_FLAG_TYPE_UNSPECIFIED (0u << 3)
#define FFA_MEM_FLAG_TYPE_SHARE (1u << 3)
#define FFA_MEM_FLAG_TYPE_LEND (2u << 3)
#define FFA_MEM_FLAG_TYPE_DONATE (3u << 3)
#define FFA_MEM_FLAG_ALIGN_HINT_VALID (1u << 9) /* retrieve: bits 8:5 hold a hint */
#define FFA_MEM_FLAG_ALIGN_HINT_SHIFT 5
#define FFA_MEM_FLAG_ALIGN_HINT_MASK (0xfu << 5)
/* Relinquish descriptor and FFA_MEM_RECLAIM flags. */
#define FFA_MEM_RELINQUISH_ZERO (1u << 0)
#define FFA_MEM_RELINQUISH_TIME_SLICE (1u << 1)
#define FFA_MEM_RECLAIM_ZERO (1u << 0)
#define FFA_MEM_RECLAIM_TIME_SLICE (1u << 1)

/* Wire sizes (§10.11, Tables 10.20, 10.13, 10.14, 10.25). */
#define FFA_MEMDESC_HEADER_SIZE_1_0 32u
#define FFA_MEMDESC_HEADER_SIZE_1_1 48u
#define FFA_MEMDESC_RECEIVER_SIZE_1_0 16u /* also v1.1 */
#define FFA_MEMDESC_RECEIVER_SIZE_1_2 32u /* with the implementation-defined 16 bytes */
#define FFA_MEMDESC_COMPOSITE_SIZE 16u
#define FFA_MEMDESC_CONSTITUENT_SIZE 16u
#define FFA_MEMDESC_RELINQUISH_HEADER_SIZE 16u

/* The most receivers a transaction may name here (Hafnium's MAX_MEM_SHARE_RECIPIENTS). */
#define FFA_MEM_MAX_RECEIVERS 8u

/* One endpoint memory access descriptor, read from the wire. */
struct ffa_mem_receiver {
	uint16_t id;
	uint8_t perms; /* FFA_MEM_DATA_* | FFA_MEM_INSN_* */
	uint8_t flags; /* FFA_MEM_RECV_* */
	/* Offset of its composite memory region descriptor from the start of the transaction
	 * descriptor; 0 for none (a retrieve request may leave it 0). */
	uint32_t composite_offset;
	uint64_t impdef[2]; /* v1.2+ receivers: the implementation-defined field; else zero */
};

/* One constituent: pages_count 4 KiB pages at address. */
struct ffa_mem_range {
	uint64_t address;
	uint32_t page_count;
};

/*
 * A memory transaction descriptor, read from the wire (share, lend, donate, a retrieve
 * request or response). The constituents stay in the buffer: ffa_memdesc_range() reads them.
 */
struct ffa_mem_txn {
	uint32_t layout; /* FF-A version of the layout it was read in: 0x10000, or 0x10001+ */
	uint16_t sender;
	uint16_t attributes; /* FFA_MEM_ATTR_* (8 bits in the v1.0 layout) */
	uint32_t flags;      /* FFA_MEM_FLAG_* */
	uint64_t handle;
	uint64_t tag;
	uint32_t receiver_size; /* v1.1+: the header's field; v1.0: 16 */
	uint32_t receiver_offset;
	uint32_t receiver_count;
	struct ffa_mem_receiver receivers[FFA_MEM_MAX_RECEIVERS];
	/* The composite memory region descriptor of the first receiver (all receivers of one
	 * transaction share it: offsets that differ are INVALID_PARAMETERS); has_composite is
	 * false when every receiver's offset is 0 (a retrieve request). */
	bool has_composite;
	uint32_t composite_offset;
	uint32_t total_page_count; /* as the composite says */
	uint32_t range_count;
	uint32_t ranges_offset; /* of the first constituent in the buffer */
};

/* Why a descriptor is refused: a short sentence naming the field, for logs and test output. */
struct ffa_memdesc_fault {
	const char *field; /* "receiver count", "composite offset", ... */
	const char *why;   /* "exceeds the descriptor length", ... */
};

/*
 * Reads a memory transaction descriptor of `len` bytes in the layout of FF-A `version`
 * (0x10000: v1.0; anything newer: v1.1+, where the header's receiver size must be 16, or 32
 * from v1.2). Checks structure only (§10.11): lengths, offsets inside the buffer and aligned
 * to 8 bytes, receiver size and count (1..FFA_MEM_MAX_RECEIVERS), composites of all receivers
 * at one offset, constituent count fitting the buffer, constituents' page counts summing to
 * the composite's total without overflow, page-aligned addresses. The meaning of fields
 * (permissions for the operation, who may send, attributes) is the SPMC's to check.
 * Returns FFA_OK, or FFA_INVALID_PARAMETERS with *fault set.
 */
enum ffa_error ffa_memdesc_parse(const void *buf, uint32_t len, uint32_t version,
				 struct ffa_mem_txn *txn, struct ffa_memdesc_fault *fault);

/* Constituent i (< txn->range_count) of a descriptor ffa_memdesc_parse() accepted in buf. */
struct ffa_mem_range ffa_memdesc_range(const void *buf, const struct ffa_mem_txn *txn, uint32_t i);

/*
 * Writes a memory transaction descriptor in the layout of FF-A `version` into buf (cap bytes):
 * the header from txn (layout, receiver size and offset are chosen by version; receivers'
 * composite offsets are filled in), then, when range_count is non-zero, one composite memory
 * region descriptor shared by all receivers with `ranges` (its total page count summed).
 * range_count 0 writes no composite and leaves every receiver's offset 0 (a retrieve
 * request). Returns the length written, or 0 when it does not fit in cap or a field cannot be
 * expressed in that layout (attributes above 8 bits for v1.0, impdef for v1.0/1.1).
 */
uint32_t ffa_memdesc_write(void *buf, uint32_t cap, uint32_t version, const struct ffa_mem_txn *txn,
			   const struct ffa_mem_range *ranges, uint32_t range_count);

/* The length ffa_memdesc_write() would need for those counts. */
uint32_t ffa_memdesc_size(uint32_t version, uint32_t receiver_count, uint32_t range_count);

/* A relinquish descriptor (§10.11.4, Table 10.25): the handle, flags and endpoints. */
struct ffa_mem_relinquish {
	uint64_t handle;
	uint32_t flags; /* FFA_MEM_RELINQUISH_* */
	uint32_t endpoint_count;
	uint16_t endpoints[FFA_MEM_MAX_RECEIVERS];
};

/* Reads a relinquish descriptor of len bytes: FFA_OK, or FFA_INVALID_PARAMETERS with *fault. */
enum ffa_error ffa_memdesc_parse_relinquish(const void *buf, uint32_t len,
					    struct ffa_mem_relinquish *rel,
					    struct ffa_memdesc_fault *fault);

/* Writes one; returns its length, or 0 when it does not fit. */
uint32_t ffa_memdesc_write_relinquish(void *buf, uint32_t cap,
				      const struct ffa_mem_relinquish *rel);

/* Handles travel in two 32-bit registers, low word first (§10.2.1). */
static inline uint64_t ffa_mem_handle(uint32_t lo, uint32_t hi)
{
	return (uint64_t)lo | ((uint64_t)hi << 32);
}

#endif
