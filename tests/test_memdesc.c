/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * abi/memdesc: memory transaction and relinquish descriptors written and read back in the
 * v1.0, v1.1 and v1.2 layouts (FF-A v1.2 (DEN0077A) §10.11), the wire offsets of each layout,
 * and one test per structural check, each refused with FFA_INVALID_PARAMETERS and a fault
 * naming the field.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "abi/ffa.h"
#include "abi/memdesc.h"

/* Big enough for 8 v1.2 receivers and 256 constituents. */
#define BUF_SIZE 8192u

static uint8_t buf[BUF_SIZE];

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void wr32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void wr64(uint8_t *p, uint64_t v)
{
	wr32(p, (uint32_t)v);
	wr32(p + 4, (uint32_t)(v >> 32));
}

/* A lend of two ranges from endpoint 0x8001 to 0x8002 (RW, NX): the transaction every test
 * starts from. */
static struct ffa_mem_txn sample_txn(uint32_t receivers)
{
	struct ffa_mem_txn t = {
		.sender = 0x8001,
		.attributes =
			FFA_MEM_ATTR_TYPE_NORMAL | FFA_MEM_ATTR_CACHE_WB | FFA_MEM_ATTR_SHARE_INNER,
		.flags = FFA_MEM_FLAG_ZERO,
		.handle = 0,
		.tag = 0x1122334455667788ull,
		.receiver_count = receivers,
	};

	for (uint32_t i = 0; i < receivers; i++) {
		t.receivers[i].id = (uint16_t)(0x8002 + i);
		t.receivers[i].perms = FFA_MEM_DATA_RW | FFA_MEM_INSN_NX;
	}
	return t;
}

static const struct ffa_mem_range sample_ranges[] = {
	{.address = 0x40400000, .page_count = 2},
	{.address = 0x40500000, .page_count = 1},
};

/* Writes the sample in `version`'s layout and returns its length. */
static uint32_t write_sample(uint32_t version, uint32_t receivers)
{
	struct ffa_mem_txn t = sample_txn(receivers);
	uint32_t len;

	memset(buf, 0xc5, sizeof(buf));
	len = ffa_memdesc_write(buf, sizeof(buf), version, &t, sample_ranges, 2);
	cr_assert_eq(len, ffa_memdesc_size(version, receivers, 2));
	return len;
}

/* Parses buf and checks that it is refused for `field`. */
static void expect_refused(uint32_t len, uint32_t version, const char *field)
{
	struct ffa_mem_txn t;
	struct ffa_memdesc_fault f = {0};

	cr_assert_eq(ffa_memdesc_parse(buf, len, version, &t, &f), FFA_INVALID_PARAMETERS,
		     "expected a refusal naming %s", field);
	cr_assert_not_null(f.field);
	cr_assert_not_null(f.why);
	cr_assert_str_eq(f.field, field, "refused for '%s %s', expected %s", f.field, f.why, field);
}

/* Checks every field of a parsed sample against what was written. */
static void expect_sample(const struct ffa_mem_txn *t, uint32_t version, uint32_t receivers)
{
	struct ffa_mem_txn w = sample_txn(receivers);

	cr_assert_eq(t->sender, w.sender);
	cr_assert_eq(t->attributes, w.attributes);
	cr_assert_eq(t->flags, w.flags);
	cr_assert_eq(t->handle, w.handle);
	cr_assert_eq(t->tag, w.tag);
	cr_assert_eq(t->receiver_count, receivers);
	for (uint32_t i = 0; i < receivers; i++) {
		cr_assert_eq(t->receivers[i].id, w.receivers[i].id);
		cr_assert_eq(t->receivers[i].perms, w.receivers[i].perms);
		cr_assert_eq(t->receivers[i].flags, 0);
		cr_assert_eq(t->receivers[i].composite_offset, t->composite_offset);
	}
	cr_assert(t->has_composite);
	cr_assert_eq(t->total_page_count, 3);
	cr_assert_eq(t->range_count, 2);
	for (uint32_t i = 0; i < 2; i++) {
		struct ffa_mem_range r = ffa_memdesc_range(buf, t, i);

		cr_assert_eq(r.address, sample_ranges[i].address);
		cr_assert_eq(r.page_count, sample_ranges[i].page_count);
	}
	cr_assert_eq(t->layout, version);
}

/* v1.0: 32-byte header, 8-bit attributes at byte 2, count at 28, receivers at 32. */
Test(memdesc, round_trip_v1_0)
{
	uint32_t len = write_sample(FFA_VERSION_1_0, 1);
	struct ffa_mem_txn t;
	struct ffa_memdesc_fault f;

	cr_assert_eq(len, 32 + 16 + 16 + 2 * 16);
	cr_assert_eq(buf[2],
		     FFA_MEM_ATTR_TYPE_NORMAL | FFA_MEM_ATTR_CACHE_WB | FFA_MEM_ATTR_SHARE_INNER);
	cr_assert_eq(buf[3], 0, "the v1.0 reserved byte is written as zero");
	cr_assert_eq(rd32(buf + 28), 1);
	cr_assert_eq(buf[32] | buf[33] << 8, 0x8002);
	cr_assert_eq(rd32(buf + 36), 48, "composite right after the one receiver");
	cr_assert_eq(ffa_memdesc_parse(buf, len, FFA_VERSION_1_0, &t, &f), FFA_OK);
	expect_sample(&t, FFA_VERSION_1_0, 1);
	cr_assert_eq(t.receiver_size, 16);
	cr_assert_eq(t.receiver_offset, 32);
	cr_assert_eq(t.composite_offset, 48);
	cr_assert_eq(t.ranges_offset, 64);
}

/* v1.1: 48-byte header with receiver size 16 at 24, count at 28, offset 48 at 32. */
Test(memdesc, round_trip_v1_1)
{
	uint32_t len = write_sample(FFA_VERSION_1_1, 1);
	struct ffa_mem_txn t;
	struct ffa_memdesc_fault f;

	cr_assert_eq(len, 48 + 16 + 16 + 2 * 16);
	cr_assert_eq(rd32(buf + 24), 16);
	cr_assert_eq(rd32(buf + 28), 1);
	cr_assert_eq(rd32(buf + 32), 48);
	for (int i = 36; i < 48; i++)
		cr_assert_eq(buf[i], 0, "reserved byte %d is zero", i);
	cr_assert_eq(ffa_memdesc_parse(buf, len, FFA_VERSION_1_1, &t, &f), FFA_OK);
	expect_sample(&t, FFA_VERSION_1_1, 1);
	cr_assert_eq(t.composite_offset, 64);
}

/* v1.2: 32-byte receivers carrying the implementation-defined field at bytes 8-23. */
Test(memdesc, round_trip_v1_2_impdef)
{
	struct ffa_mem_txn w = sample_txn(1);
	struct ffa_mem_txn t;
	struct ffa_memdesc_fault f;
	uint32_t len;

	w.receivers[0].impdef[0] = 0x0102030405060708ull;
	w.receivers[0].impdef[1] = 0xa1a2a3a4a5a6a7a8ull;
	len = ffa_memdesc_write(buf, sizeof(buf), FFA_VERSION_1_2, &w, sample_ranges, 2);
	cr_assert_eq(len, 48 + 32 + 16 + 2 * 16);
	cr_assert_eq(rd32(buf + 24), 32);
	cr_assert_eq(buf[48 + 8], 0x08);
	cr_assert_eq(buf[48 + 23], 0xa1);
	cr_assert_eq(ffa_memdesc_parse(buf, len, FFA_VERSION_1_2, &t, &f), FFA_OK);
	expect_sample(&t, FFA_VERSION_1_2, 1);
	cr_assert_eq(t.receivers[0].impdef[0], w.receivers[0].impdef[0]);
	cr_assert_eq(t.receivers[0].impdef[1], w.receivers[0].impdef[1]);
}

/* A v1.2 reader accepts the 16-byte receivers of a v1.1 writer (impdef reads as zero). */
Test(memdesc, v1_2_reads_v1_1_receivers)
{
	uint32_t len = write_sample(FFA_VERSION_1_1, 2);
	struct ffa_mem_txn t;
	struct ffa_memdesc_fault f;

	cr_assert_eq(ffa_memdesc_parse(buf, len, FFA_VERSION_1_2, &t, &f), FFA_OK);
	cr_assert_eq(t.receiver_size, 16);
	cr_assert_eq(t.receivers[1].id, 0x8003);
	cr_assert_eq(t.receivers[1].impdef[0], 0);
}

/* Several receivers share one composite; unused receiver slots read as zero. */
Test(memdesc, several_receivers)
{
	uint32_t len = write_sample(FFA_VERSION_1_2, 4);
	struct ffa_mem_txn t;
	struct ffa_memdesc_fault f;

	cr_assert_eq(ffa_memdesc_parse(buf, len, FFA_VERSION_1_2, &t, &f), FFA_OK);
	expect_sample(&t, FFA_VERSION_1_2, 4);
	cr_assert_eq(t.composite_offset, 48 + 4 * 32);
	cr_assert_eq(t.receivers[4].id, 0);
	len = write_sample(FFA_VERSION_1_0, FFA_MEM_MAX_RECEIVERS);
	cr_assert_eq(ffa_memdesc_parse(buf, len, FFA_VERSION_1_0, &t, &f), FFA_OK);
	expect_sample(&t, FFA_VERSION_1_0, FFA_MEM_MAX_RECEIVERS);
}

/* 256 constituents, written and read back in order, their page counts summed. */
Test(memdesc, many_constituents)
{
	static struct ffa_mem_range r[256];
	struct ffa_mem_txn w = sample_txn(1);
	struct ffa_mem_txn t;
	struct ffa_memdesc_fault f;
	uint32_t len;

	for (uint32_t i = 0; i < 256; i++)
		r[i] = (struct ffa_mem_range){.address = 0x80000000ull + i * 0x10000ull,
					      .page_count = i % 7 + 1};
	len = ffa_memdesc_write(buf, sizeof(buf), FFA_VERSION_1_1, &w, r, 256);
	cr_assert_eq(len, 48 + 16 + 16 + 256 * 16);
	cr_assert_eq(ffa_memdesc_parse(buf, len, FFA_VERSION_1_1, &t, &f), FFA_OK);
	cr_assert_eq(t.range_count, 256);
	uint32_t total = 0;
	for (uint32_t i = 0; i < 256; i++) {
		struct ffa_mem_range g = ffa_memdesc_range(buf, &t, i);

		cr_assert_eq(g.address, r[i].address);
		cr_assert_eq(g.page_count, r[i].page_count);
		total += r[i].page_count;
	}
	cr_assert_eq(t.total_page_count, total);
}

/* A retrieve request: no constituents, no composite, every receiver's offset 0. */
Test(memdesc, retrieve_request_without_composite)
{
	struct ffa_mem_txn w = sample_txn(1);
	struct ffa_mem_txn t;
	struct ffa_memdesc_fault f;
	uint32_t len;

	w.handle = FFA_MEM_HANDLE_ALLOCATOR_HYP | 5;
	w.flags = FFA_MEM_FLAG_TYPE_LEND;
	len = ffa_memdesc_write(buf, sizeof(buf), FFA_VERSION_1_2, &w, NULL, 0);
	cr_assert_eq(len, 48 + 32);
	cr_assert_eq(ffa_memdesc_parse(buf, len, FFA_VERSION_1_2, &t, &f), FFA_OK);
	cr_assert_not(t.has_composite);
	cr_assert_eq(t.range_count, 0);
	cr_assert_eq(t.receivers[0].composite_offset, 0);
	cr_assert_eq(t.handle, w.handle);
	cr_assert_eq(t.flags, FFA_MEM_FLAG_TYPE_LEND);
}

/* The reader takes a buffer at any alignment (fields are read byte by byte). */
Test(memdesc, unaligned_buffer)
{
	static uint8_t shifted[BUF_SIZE + 1];
	uint32_t len = write_sample(FFA_VERSION_1_1, 1);
	struct ffa_mem_txn t;
	struct ffa_memdesc_fault f;

	memcpy(shifted + 1, buf, len);
	cr_assert_eq(ffa_memdesc_parse(shifted + 1, len, FFA_VERSION_1_1, &t, &f), FFA_OK);
	cr_assert_eq(ffa_memdesc_range(shifted + 1, &t, 1).address, 0x40500000);
}

/* The writer refuses what the layout cannot carry and what does not fit. */
Test(memdesc, write_refusals)
{
	struct ffa_mem_txn w = sample_txn(1);

	cr_assert_eq(ffa_memdesc_write(buf, 79, FFA_VERSION_1_1, &w, sample_ranges, 2), 0);
	cr_assert_eq(ffa_memdesc_write(buf, 112, FFA_VERSION_1_1, &w, sample_ranges, 2), 112);
	w.attributes = 0x100;
	cr_assert_eq(ffa_memdesc_write(buf, sizeof(buf), FFA_VERSION_1_0, &w, sample_ranges, 2), 0);
	cr_assert_neq(ffa_memdesc_write(buf, sizeof(buf), FFA_VERSION_1_1, &w, sample_ranges, 2),
		      0);
	w = sample_txn(1);
	w.receivers[0].impdef[1] = 1;
	cr_assert_eq(ffa_memdesc_write(buf, sizeof(buf), FFA_VERSION_1_1, &w, sample_ranges, 2), 0);
	cr_assert_eq(ffa_memdesc_write(buf, sizeof(buf), FFA_VERSION_1_0, &w, sample_ranges, 2), 0);
	w = sample_txn(0);
	cr_assert_eq(ffa_memdesc_write(buf, sizeof(buf), FFA_VERSION_1_2, &w, sample_ranges, 2), 0);
	w.receiver_count = FFA_MEM_MAX_RECEIVERS + 1;
	cr_assert_eq(ffa_memdesc_write(buf, sizeof(buf), FFA_VERSION_1_2, &w, sample_ranges, 2), 0);
}

/* A buffer shorter than the header (32 bytes in v1.0, 48 from v1.1). */
Test(memdesc, refuse_short_header)
{
	write_sample(FFA_VERSION_1_0, 1);
	expect_refused(31, FFA_VERSION_1_0, "descriptor length");
	write_sample(FFA_VERSION_1_1, 1);
	expect_refused(47, FFA_VERSION_1_1, "descriptor length");
}

/* A missing buffer. */
Test(memdesc, refuse_null)
{
	struct ffa_mem_txn t;
	struct ffa_memdesc_fault f;

	cr_assert_eq(ffa_memdesc_parse(NULL, 64, FFA_VERSION_1_1, &t, &f), FFA_INVALID_PARAMETERS);
	cr_assert_str_eq(f.field, "descriptor");
}

/* v1.1 takes 16-byte receivers only; v1.2 takes 16 or 32. */
Test(memdesc, refuse_receiver_size)
{
	uint32_t len = write_sample(FFA_VERSION_1_2, 1);

	expect_refused(len, FFA_VERSION_1_1, "receiver size");
	wr32(buf + 24, 24);
	expect_refused(len, FFA_VERSION_1_2, "receiver size");
}

/* The receivers may not start inside the 48-byte header. */
Test(memdesc, refuse_receiver_offset_in_header)
{
	uint32_t len = write_sample(FFA_VERSION_1_1, 1);

	wr32(buf + 32, 40);
	expect_refused(len, FFA_VERSION_1_1, "receiver offset");
}

/* The receivers' offset is a multiple of 8. */
Test(memdesc, refuse_receiver_offset_unaligned)
{
	uint32_t len = write_sample(FFA_VERSION_1_1, 1);

	wr32(buf + 32, 52);
	expect_refused(len, FFA_VERSION_1_1, "receiver offset");
}

/* No receiver at all. */
Test(memdesc, refuse_receiver_count_zero)
{
	uint32_t len = write_sample(FFA_VERSION_1_0, 1);

	wr32(buf + 28, 0);
	expect_refused(len, FFA_VERSION_1_0, "receiver count");
}

/* More receivers than supported. */
Test(memdesc, refuse_receiver_count_too_many)
{
	uint32_t len = write_sample(FFA_VERSION_1_1, 1);

	wr32(buf + 28, FFA_MEM_MAX_RECEIVERS + 1);
	expect_refused(len, FFA_VERSION_1_1, "receiver count");
}

/* A receiver array running past the end of the buffer. */
Test(memdesc, refuse_receivers_past_end)
{
	write_sample(FFA_VERSION_1_2, 2);
	expect_refused(48 + 32 + 16, FFA_VERSION_1_2, "receiver count");
	write_sample(FFA_VERSION_1_1, 1);
	wr32(buf + 32, 0xfffffff8u); /* offset + size would wrap a 32-bit sum */
	expect_refused(BUF_SIZE, FFA_VERSION_1_1, "receiver count");
}

/* Two receivers naming different composites. */
Test(memdesc, refuse_composite_offsets_differ)
{
	uint32_t len = write_sample(FFA_VERSION_1_1, 2);

	wr32(buf + 48 + 16 + 4, 0);
	expect_refused(len, FFA_VERSION_1_1, "composite offset");
}

/* A composite placed over the receivers. */
Test(memdesc, refuse_composite_overlaps_receivers)
{
	uint32_t len = write_sample(FFA_VERSION_1_0, 1);

	wr32(buf + 32 + 4, 40);
	expect_refused(len, FFA_VERSION_1_0, "composite offset");
}

/* A composite offset not a multiple of 8. */
Test(memdesc, refuse_composite_unaligned)
{
	uint32_t len = write_sample(FFA_VERSION_1_1, 1);

	wr32(buf + 48 + 4, 68);
	expect_refused(len, FFA_VERSION_1_1, "composite offset");
}

/* A composite past the end of the buffer. */
Test(memdesc, refuse_composite_past_end)
{
	write_sample(FFA_VERSION_1_1, 1);
	expect_refused(64 + 8, FFA_VERSION_1_1, "composite offset");
}

/* More constituents than the buffer holds (length cut, and a huge count). */
Test(memdesc, refuse_range_count_past_end)
{
	uint32_t len = write_sample(FFA_VERSION_1_1, 1);

	expect_refused(len - 1, FFA_VERSION_1_1, "address range count");
	wr32(buf + 64 + 4, 0x10000000u);
	expect_refused(len, FFA_VERSION_1_1, "address range count");
}

/* A constituent whose address is not 4 KiB aligned. */
Test(memdesc, refuse_unaligned_address)
{
	uint32_t len = write_sample(FFA_VERSION_1_2, 1);

	wr64(buf + 48 + 32 + 16 + 16, 0x40500800);
	expect_refused(len, FFA_VERSION_1_2, "constituent address");
}

/* Constituents whose page counts overflow 32 bits. */
Test(memdesc, refuse_page_count_overflow)
{
	uint32_t len = write_sample(FFA_VERSION_1_1, 1);

	wr32(buf + 80 + 8, 0xffffffffu);
	expect_refused(len, FFA_VERSION_1_1, "constituent page count");
}

/* A total page count that is not the constituents' sum. */
Test(memdesc, refuse_total_mismatch)
{
	uint32_t len = write_sample(FFA_VERSION_1_0, 1);

	wr32(buf + 48, 4);
	expect_refused(len, FFA_VERSION_1_0, "total page count");
}

/* Relinquish descriptor: handle, flags, count and IDs at 0, 8, 12 and 16. */
Test(memdesc, relinquish_round_trip)
{
	struct ffa_mem_relinquish w = {.handle = 0x8000000000000007ull,
				       .flags = FFA_MEM_RELINQUISH_ZERO,
				       .endpoint_count = 2,
				       .endpoints = {0x8002, 0x8003}};
	struct ffa_mem_relinquish r;
	struct ffa_memdesc_fault f;
	uint32_t len;

	memset(buf, 0xc5, sizeof(buf));
	len = ffa_memdesc_write_relinquish(buf, sizeof(buf), &w);
	cr_assert_eq(len, 20);
	cr_assert_eq(rd32(buf + 12), 2);
	cr_assert_eq(buf[18] | buf[19] << 8, 0x8003);
	cr_assert_eq(ffa_memdesc_parse_relinquish(buf, len, &r, &f), FFA_OK);
	cr_assert_eq(r.handle, w.handle);
	cr_assert_eq(r.flags, w.flags);
	cr_assert_eq(r.endpoint_count, 2);
	cr_assert_eq(r.endpoints[0], 0x8002);
	cr_assert_eq(r.endpoints[1], 0x8003);
	cr_assert_eq(r.endpoints[2], 0);
	cr_assert_eq(ffa_memdesc_write_relinquish(buf, 19, &w), 0);
}

/* Relinquish descriptors refused: short, no endpoint, too many, past the end. */
Test(memdesc, relinquish_refusals)
{
	struct ffa_mem_relinquish w = {.handle = 1, .endpoint_count = 1, .endpoints = {0x8002}};
	struct ffa_mem_relinquish r;
	struct ffa_memdesc_fault f;
	uint32_t len = ffa_memdesc_write_relinquish(buf, sizeof(buf), &w);

	cr_assert_eq(ffa_memdesc_parse_relinquish(buf, 15, &r, &f), FFA_INVALID_PARAMETERS);
	cr_assert_str_eq(f.field, "descriptor length");
	cr_assert_eq(ffa_memdesc_parse_relinquish(buf, len - 1, &r, &f), FFA_INVALID_PARAMETERS);
	cr_assert_str_eq(f.field, "endpoint count");
	wr32(buf + 12, 0);
	cr_assert_eq(ffa_memdesc_parse_relinquish(buf, len, &r, &f), FFA_INVALID_PARAMETERS);
	cr_assert_str_eq(f.field, "endpoint count");
	wr32(buf + 12, FFA_MEM_MAX_RECEIVERS + 1);
	cr_assert_eq(ffa_memdesc_parse_relinquish(buf, BUF_SIZE, &r, &f), FFA_INVALID_PARAMETERS);
	cr_assert_str_eq(f.field, "endpoint count");
	w.endpoint_count = 0;
	cr_assert_eq(ffa_memdesc_write_relinquish(buf, sizeof(buf), &w), 0);
}
