/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FF-A memory transaction and relinquish descriptors, read and written in the layout of the
 * caller's FF-A version (FF-A v1.2 (DEN0077A) §10.10-§10.11). Freestanding (no libc): the
 * guest SDK compiles this file into libffasim-guest.a, so that a descriptor a guest builds is
 * read by the same code the SPMC and the proxy use. Every field is read and written byte by
 * byte in little-endian order: buffers come from guest memory at any alignment, and the SDK
 * is built with -mstrict-align.
 */
#include "abi/memdesc.h"

#include <stddef.h>

#include "abi/ffa.h"

/* Field offsets of the v1.0 header (FF-A v1.0 (DEN0077A) Table 5.19). */
#define MD10_SENDER 0u
#define MD10_ATTRIBUTES 2u /* 8 bits, then one reserved byte */
#define MD10_RESERVED_0 3u
#define MD10_FLAGS 4u
#define MD10_HANDLE 8u
#define MD10_TAG 16u
#define MD10_RESERVED_1 24u
#define MD10_RECEIVER_COUNT 28u
/* Field offsets of the v1.1+ header (FF-A v1.2 (DEN0077A) §10.11, Table 10.20). */
#define MD11_SENDER 0u
#define MD11_ATTRIBUTES 2u /* 16 bits */
#define MD11_FLAGS 4u
#define MD11_HANDLE 8u
#define MD11_TAG 16u
#define MD11_RECEIVER_SIZE 24u
#define MD11_RECEIVER_COUNT 28u
#define MD11_RECEIVER_OFFSET 32u
#define MD11_RESERVED 36u /* 12 bytes */
/* Endpoint memory access descriptor (Table 10.16): the permissions descriptor (Table 10.15:
 * ID, permissions, flags), the composite offset, then 8 reserved bytes, or from v1.2 the
 * 16-byte implementation-defined field and 8 reserved bytes. */
#define MDR_ID 0u
#define MDR_PERMS 2u
#define MDR_FLAGS 3u
#define MDR_COMPOSITE_OFFSET 4u
#define MDR_IMPDEF 8u
/* Composite memory region descriptor (Table 10.13) and constituent (Table 10.14). */
#define MDC_TOTAL_PAGES 0u
#define MDC_RANGE_COUNT 4u
#define MDK_ADDRESS 0u
#define MDK_PAGE_COUNT 8u
/* Relinquish descriptor (§10.11.4, Table 10.25). */
#define MDQ_HANDLE 0u
#define MDQ_FLAGS 8u
#define MDQ_ENDPOINT_COUNT 12u
#define MDQ_ENDPOINTS 16u
#define MDQ_ENDPOINT_SIZE 2u

/* Offsets inside a descriptor are multiples of this (§10.11: 8-byte aligned structures). */
#define MD_OFFSET_ALIGN 8u

static uint16_t md_rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static uint32_t md_rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
	       ((uint32_t)p[3] << 24);
}

static uint64_t md_rd64(const uint8_t *p)
{
	return (uint64_t)md_rd32(p) | ((uint64_t)md_rd32(p + 4) << 32);
}

static void md_wr8(uint8_t *p, uint8_t v)
{
	p[0] = v;
}

static void md_wr16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void md_wr32(uint8_t *p, uint32_t v)
{
	for (unsigned int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void md_wr64(uint8_t *p, uint64_t v)
{
	md_wr32(p, (uint32_t)v);
	md_wr32(p + 4, (uint32_t)(v >> 32));
}

static void md_zero(uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		p[i] = 0;
}

static bool md_is_v1_0(uint32_t version)
{
	return version < FFA_VERSION_1_1;
}

/* The receiver size ffa_memdesc_write() uses for a version: 32 bytes from v1.2. */
static uint32_t md_receiver_size(uint32_t version)
{
	return version >= FFA_VERSION_1_2 ? FFA_MEMDESC_RECEIVER_SIZE_1_2
					  : FFA_MEMDESC_RECEIVER_SIZE_1_0;
}

static uint32_t md_header_size(uint32_t version)
{
	return md_is_v1_0(version) ? FFA_MEMDESC_HEADER_SIZE_1_0 : FFA_MEMDESC_HEADER_SIZE_1_1;
}

static enum ffa_error md_refuse(struct ffa_memdesc_fault *fault, const char *field, const char *why)
{
	if (fault != NULL) {
		fault->field = field;
		fault->why = why;
	}
	return FFA_INVALID_PARAMETERS;
}

/* True when [offset, offset + size) lies inside len bytes, without overflow. */
static bool md_fits(uint32_t offset, uint64_t size, uint32_t len)
{
	return offset <= len && size <= (uint64_t)(len - offset);
}

/* Reads the header's fields into txn; checks the receiver size, offset and count. */
static enum ffa_error md_parse_header(const uint8_t *p, uint32_t len, uint32_t version,
				      struct ffa_mem_txn *txn, struct ffa_memdesc_fault *fault)
{
	if (len < md_header_size(version))
		return md_refuse(fault, "descriptor length", "is shorter than the header");
	txn->layout = md_is_v1_0(version) ? FFA_VERSION_1_0 : version;
	if (md_is_v1_0(version)) {
		txn->sender = md_rd16(p + MD10_SENDER);
		txn->attributes = p[MD10_ATTRIBUTES];
		txn->flags = md_rd32(p + MD10_FLAGS);
		txn->handle = md_rd64(p + MD10_HANDLE);
		txn->tag = md_rd64(p + MD10_TAG);
		txn->receiver_size = FFA_MEMDESC_RECEIVER_SIZE_1_0;
		txn->receiver_offset = FFA_MEMDESC_HEADER_SIZE_1_0;
		txn->receiver_count = md_rd32(p + MD10_RECEIVER_COUNT);
	} else {
		txn->sender = md_rd16(p + MD11_SENDER);
		txn->attributes = md_rd16(p + MD11_ATTRIBUTES);
		txn->flags = md_rd32(p + MD11_FLAGS);
		txn->handle = md_rd64(p + MD11_HANDLE);
		txn->tag = md_rd64(p + MD11_TAG);
		txn->receiver_size = md_rd32(p + MD11_RECEIVER_SIZE);
		txn->receiver_count = md_rd32(p + MD11_RECEIVER_COUNT);
		txn->receiver_offset = md_rd32(p + MD11_RECEIVER_OFFSET);
		/* §10.11 Table 10.20: 16-byte receivers in v1.1; v1.2 adds the 32-byte form. */
		if (txn->receiver_size != FFA_MEMDESC_RECEIVER_SIZE_1_0 &&
		    !(version >= FFA_VERSION_1_2 &&
		      txn->receiver_size == FFA_MEMDESC_RECEIVER_SIZE_1_2))
			return md_refuse(fault, "receiver size",
					 version >= FFA_VERSION_1_2 ? "is neither 16 nor 32"
								    : "is not 16");
		if (txn->receiver_offset < FFA_MEMDESC_HEADER_SIZE_1_1)
			return md_refuse(fault, "receiver offset", "overlaps the header");
		if (txn->receiver_offset % MD_OFFSET_ALIGN != 0)
			return md_refuse(fault, "receiver offset", "is not 8-byte aligned");
	}
	if (txn->receiver_count == 0)
		return md_refuse(fault, "receiver count", "is zero");
	if (txn->receiver_count > FFA_MEM_MAX_RECEIVERS)
		return md_refuse(fault, "receiver count", "exceeds the 8 receivers supported");
	if (!md_fits(txn->receiver_offset, (uint64_t)txn->receiver_count * txn->receiver_size, len))
		return md_refuse(fault, "receiver count", "exceeds the descriptor length");
	return FFA_OK;
}

/* Reads the endpoint memory access descriptors; checks their composite offsets agree. */
static enum ffa_error md_parse_receivers(const uint8_t *p, struct ffa_mem_txn *txn,
					 struct ffa_memdesc_fault *fault)
{
	for (uint32_t i = 0; i < txn->receiver_count; i++) {
		const uint8_t *r = p + txn->receiver_offset + i * txn->receiver_size;
		struct ffa_mem_receiver *rx = &txn->receivers[i];

		rx->id = md_rd16(r + MDR_ID);
		rx->perms = r[MDR_PERMS];
		rx->flags = r[MDR_FLAGS];
		rx->composite_offset = md_rd32(r + MDR_COMPOSITE_OFFSET);
		if (txn->receiver_size == FFA_MEMDESC_RECEIVER_SIZE_1_2) {
			rx->impdef[0] = md_rd64(r + MDR_IMPDEF);
			rx->impdef[1] = md_rd64(r + MDR_IMPDEF + 8);
		} else {
			rx->impdef[0] = 0;
			rx->impdef[1] = 0;
		}
		/* §10.11: every receiver of one transaction names the same composite. */
		if (rx->composite_offset != txn->receivers[0].composite_offset)
			return md_refuse(fault, "composite offset", "differs between receivers");
	}
	for (uint32_t i = txn->receiver_count; i < FFA_MEM_MAX_RECEIVERS; i++)
		txn->receivers[i] = (struct ffa_mem_receiver){0};
	return FFA_OK;
}

/* Reads the composite memory region descriptor and checks its constituents. */
static enum ffa_error md_parse_composite(const uint8_t *p, uint32_t len, struct ffa_mem_txn *txn,
					 struct ffa_memdesc_fault *fault)
{
	uint32_t off = txn->receivers[0].composite_offset;
	uint32_t receivers_end = txn->receiver_offset + txn->receiver_count * txn->receiver_size;
	uint32_t sum = 0;

	txn->has_composite = off != 0;
	txn->composite_offset = off;
	txn->total_page_count = 0;
	txn->range_count = 0;
	txn->ranges_offset = 0;
	if (off == 0)
		return FFA_OK;
	if (off < receivers_end)
		return md_refuse(fault, "composite offset", "overlaps the header or the receivers");
	if (off % MD_OFFSET_ALIGN != 0)
		return md_refuse(fault, "composite offset", "is not 8-byte aligned");
	if (!md_fits(off, FFA_MEMDESC_COMPOSITE_SIZE, len))
		return md_refuse(fault, "composite offset", "exceeds the descriptor length");
	txn->total_page_count = md_rd32(p + off + MDC_TOTAL_PAGES);
	txn->range_count = md_rd32(p + off + MDC_RANGE_COUNT);
	txn->ranges_offset = off + FFA_MEMDESC_COMPOSITE_SIZE;
	if (!md_fits(txn->ranges_offset, (uint64_t)txn->range_count * FFA_MEMDESC_CONSTITUENT_SIZE,
		     len))
		return md_refuse(fault, "address range count", "exceeds the descriptor length");
	for (uint32_t i = 0; i < txn->range_count; i++) {
		struct ffa_mem_range r = ffa_memdesc_range(p, txn, i);

		if (r.address % FFA_MEM_PAGE_SIZE != 0)
			return md_refuse(fault, "constituent address", "is not page-aligned");
		if (r.page_count > UINT32_MAX - sum)
			return md_refuse(fault, "constituent page count",
					 "overflows the total page count");
		sum += r.page_count;
	}
	if (sum != txn->total_page_count)
		return md_refuse(fault, "total page count",
				 "differs from the sum of the constituents' page counts");
	return FFA_OK;
}

enum ffa_error ffa_memdesc_parse(const void *buf, uint32_t len, uint32_t version,
				 struct ffa_mem_txn *txn, struct ffa_memdesc_fault *fault)
{
	const uint8_t *p = buf;
	enum ffa_error err;

	if (buf == NULL)
		return md_refuse(fault, "descriptor", "is missing");
	err = md_parse_header(p, len, version, txn, fault);
	if (err == FFA_OK)
		err = md_parse_receivers(p, txn, fault);
	if (err == FFA_OK)
		err = md_parse_composite(p, len, txn, fault);
	return err;
}

struct ffa_mem_range ffa_memdesc_range(const void *buf, const struct ffa_mem_txn *txn, uint32_t i)
{
	const uint8_t *c = (const uint8_t *)buf + txn->ranges_offset +
			   (size_t)i * FFA_MEMDESC_CONSTITUENT_SIZE;

	return (struct ffa_mem_range){
		.address = md_rd64(c + MDK_ADDRESS),
		.page_count = md_rd32(c + MDK_PAGE_COUNT),
	};
}

uint32_t ffa_memdesc_size(uint32_t version, uint32_t receiver_count, uint32_t range_count)
{
	uint64_t size =
		md_header_size(version) + (uint64_t)receiver_count * md_receiver_size(version);

	if (range_count != 0)
		size += FFA_MEMDESC_COMPOSITE_SIZE +
			(uint64_t)range_count * FFA_MEMDESC_CONSTITUENT_SIZE;
	return size > UINT32_MAX ? 0 : (uint32_t)size;
}

/* Whether txn's fields can be expressed in the layout of version. */
static bool md_expressible(uint32_t version, const struct ffa_mem_txn *txn)
{
	if (txn->receiver_count == 0 || txn->receiver_count > FFA_MEM_MAX_RECEIVERS)
		return false;
	if (md_is_v1_0(version) && txn->attributes > 0xffu)
		return false;
	if (version >= FFA_VERSION_1_2)
		return true;
	for (uint32_t i = 0; i < txn->receiver_count; i++)
		if (txn->receivers[i].impdef[0] != 0 || txn->receivers[i].impdef[1] != 0)
			return false;
	return true;
}

static void md_write_header(uint8_t *p, uint32_t version, const struct ffa_mem_txn *txn)
{
	if (md_is_v1_0(version)) {
		md_wr16(p + MD10_SENDER, txn->sender);
		md_wr8(p + MD10_ATTRIBUTES, (uint8_t)txn->attributes);
		md_wr8(p + MD10_RESERVED_0, 0);
		md_wr32(p + MD10_FLAGS, txn->flags);
		md_wr64(p + MD10_HANDLE, txn->handle);
		md_wr64(p + MD10_TAG, txn->tag);
		md_wr32(p + MD10_RESERVED_1, 0);
		md_wr32(p + MD10_RECEIVER_COUNT, txn->receiver_count);
		return;
	}
	md_wr16(p + MD11_SENDER, txn->sender);
	md_wr16(p + MD11_ATTRIBUTES, txn->attributes);
	md_wr32(p + MD11_FLAGS, txn->flags);
	md_wr64(p + MD11_HANDLE, txn->handle);
	md_wr64(p + MD11_TAG, txn->tag);
	md_wr32(p + MD11_RECEIVER_SIZE, md_receiver_size(version));
	md_wr32(p + MD11_RECEIVER_COUNT, txn->receiver_count);
	md_wr32(p + MD11_RECEIVER_OFFSET, FFA_MEMDESC_HEADER_SIZE_1_1);
	md_zero(p + MD11_RESERVED, FFA_MEMDESC_HEADER_SIZE_1_1 - MD11_RESERVED);
}

uint32_t ffa_memdesc_write(void *buf, uint32_t cap, uint32_t version, const struct ffa_mem_txn *txn,
			   const struct ffa_mem_range *ranges, uint32_t range_count)
{
	uint8_t *p = buf;
	uint32_t rsize = md_receiver_size(version);
	uint32_t roff = md_header_size(version);
	uint32_t coff = roff + txn->receiver_count * rsize;
	uint32_t len = ffa_memdesc_size(version, txn->receiver_count, range_count);
	uint32_t total = 0;

	if (buf == NULL || !md_expressible(version, txn) || len == 0 || len > cap)
		return 0;
	for (uint32_t i = 0; i < range_count; i++) {
		if (ranges[i].page_count > UINT32_MAX - total)
			return 0;
		total += ranges[i].page_count;
	}
	md_write_header(p, version, txn);
	for (uint32_t i = 0; i < txn->receiver_count; i++) {
		uint8_t *r = p + roff + i * rsize;
		const struct ffa_mem_receiver *rx = &txn->receivers[i];

		md_zero(r, rsize);
		md_wr16(r + MDR_ID, rx->id);
		md_wr8(r + MDR_PERMS, rx->perms);
		md_wr8(r + MDR_FLAGS, rx->flags);
		md_wr32(r + MDR_COMPOSITE_OFFSET, range_count != 0 ? coff : 0);
		if (rsize == FFA_MEMDESC_RECEIVER_SIZE_1_2) {
			md_wr64(r + MDR_IMPDEF, rx->impdef[0]);
			md_wr64(r + MDR_IMPDEF + 8, rx->impdef[1]);
		}
	}
	if (range_count == 0)
		return len;
	md_zero(p + coff, FFA_MEMDESC_COMPOSITE_SIZE);
	md_wr32(p + coff + MDC_TOTAL_PAGES, total);
	md_wr32(p + coff + MDC_RANGE_COUNT, range_count);
	for (uint32_t i = 0; i < range_count; i++) {
		uint8_t *c =
			p + coff + FFA_MEMDESC_COMPOSITE_SIZE + i * FFA_MEMDESC_CONSTITUENT_SIZE;

		md_zero(c, FFA_MEMDESC_CONSTITUENT_SIZE);
		md_wr64(c + MDK_ADDRESS, ranges[i].address);
		md_wr32(c + MDK_PAGE_COUNT, ranges[i].page_count);
	}
	return len;
}

enum ffa_error ffa_memdesc_parse_relinquish(const void *buf, uint32_t len,
					    struct ffa_mem_relinquish *rel,
					    struct ffa_memdesc_fault *fault)
{
	const uint8_t *p = buf;

	if (buf == NULL)
		return md_refuse(fault, "relinquish descriptor", "is missing");
	if (len < FFA_MEMDESC_RELINQUISH_HEADER_SIZE)
		return md_refuse(fault, "descriptor length", "is shorter than the header");
	rel->handle = md_rd64(p + MDQ_HANDLE);
	rel->flags = md_rd32(p + MDQ_FLAGS);
	rel->endpoint_count = md_rd32(p + MDQ_ENDPOINT_COUNT);
	if (rel->endpoint_count == 0)
		return md_refuse(fault, "endpoint count", "is zero");
	if (rel->endpoint_count > FFA_MEM_MAX_RECEIVERS)
		return md_refuse(fault, "endpoint count", "exceeds the 8 receivers supported");
	if (!md_fits(MDQ_ENDPOINTS, (uint64_t)rel->endpoint_count * MDQ_ENDPOINT_SIZE, len))
		return md_refuse(fault, "endpoint count", "exceeds the descriptor length");
	for (uint32_t i = 0; i < FFA_MEM_MAX_RECEIVERS; i++)
		rel->endpoints[i] = i < rel->endpoint_count
					    ? md_rd16(p + MDQ_ENDPOINTS + i * MDQ_ENDPOINT_SIZE)
					    : 0;
	return FFA_OK;
}

uint32_t ffa_memdesc_write_relinquish(void *buf, uint32_t cap, const struct ffa_mem_relinquish *rel)
{
	uint8_t *p = buf;
	uint32_t len;

	if (buf == NULL || rel->endpoint_count == 0 || rel->endpoint_count > FFA_MEM_MAX_RECEIVERS)
		return 0;
	len = MDQ_ENDPOINTS + rel->endpoint_count * MDQ_ENDPOINT_SIZE;
	if (len > cap)
		return 0;
	md_wr64(p + MDQ_HANDLE, rel->handle);
	md_wr32(p + MDQ_FLAGS, rel->flags);
	md_wr32(p + MDQ_ENDPOINT_COUNT, rel->endpoint_count);
	for (uint32_t i = 0; i < rel->endpoint_count; i++)
		md_wr16(p + MDQ_ENDPOINTS + i * MDQ_ENDPOINT_SIZE, rel->endpoints[i]);
	return len;
}
