/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The endpoint RX/TX descriptor (FF-A v1.2 (DEN0077A) §13.6, Table 13.27): how a hypervisor
 * hands the SPMC the RX/TX buffers one of its VMs mapped. The hypervisor writes it at the
 * start of its own TX buffer and calls FFA_RXTX_MAP_64 with x1, x2 and w3 zero, as Hafnium's
 * hypervisor does (ffa_setup_rxtx_map_forward). Little-endian, at offset 0:
 *
 *    0  endpoint ID (u16)   2  reserved (u16)   4  offset of the RX composite (u32)
 *    8  offset of the TX composite (u32)        12  reserved (u32)
 *
 * and at each offset (8-byte aligned) a composite memory region (§10.11, Table 10.13) with one
 * constituent: total page count (u32), constituent count (u32), reserved (u64), then the
 * constituent's address (u64), page count (u32) and reserved (u32).
 */
#ifndef ABI_RXTXDESC_H
#define ABI_RXTXDESC_H

#include <stddef.h>
#include <stdint.h>

/* FFA_RXTX_MAP's x1, x2 and w3 all zero from the normal world: the descriptor is in the
 * caller's TX buffer. */
#define FFA_RXTX_DESC_HDR_SIZE 16u
/* A composite with one constituent. */
#define FFA_RXTX_DESC_COMPOSITE_SIZE 32u
/* The descriptor as a hypervisor writes it: header, RX composite, TX composite. */
#define FFA_RXTX_DESC_SIZE (FFA_RXTX_DESC_HDR_SIZE + 2u * FFA_RXTX_DESC_COMPOSITE_SIZE)

/* FFA_RXTX_UNMAP w1 bits 31:16: the VM whose buffers a hypervisor unmaps. */
#define FFA_RXTX_UNMAP_ID_SHIFT 16

struct ffa_rxtx_desc {
	uint16_t endpoint; /* the VM whose buffers they are */
	uint64_t rx;
	uint64_t tx;
	uint32_t pages; /* the RX composite's first constituent's page count */
};

/* Why a descriptor cannot be read. */
enum ffa_rxtx_desc_error {
	FFA_RXTX_DESC_OK,
	FFA_RXTX_DESC_UNALIGNED, /* an offset is not a multiple of 8 */
	FFA_RXTX_DESC_OUTSIDE    /* a composite does not lie within the buffer */
};

/* Writes a descriptor of d into buf (size bytes, at least FFA_RXTX_DESC_SIZE). Returns the
 * bytes written, or 0 when buf is too small. */
size_t ffa_rxtx_desc_write(uint8_t *buf, size_t size, const struct ffa_rxtx_desc *d);

/* Reads a descriptor from buf (size bytes). */
enum ffa_rxtx_desc_error ffa_rxtx_desc_read(const uint8_t *buf, size_t size,
					    struct ffa_rxtx_desc *d);

#endif
