/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Partition discovery: the descriptor encodings of abi/partinfo, FFA_PARTITION_INFO_GET through
 * the caller's RX buffer, and FFA_PARTITION_INFO_GET_REGS in registers. Partitions are added to
 * the fixture's SPMC by hand (no partition runtime is needed for discovery); the normal world
 * maps its buffers in non-secure RAM and the descriptors are read back from guest memory.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "abi/partinfo.h"
#include "spmc_helpers.h"

#define NS_TX 0x40400000ull
#define NS_RX 0x40401000ull
#define S_TX 0x0e100000ull
#define S_RX 0x0e101000ull

#define UUID_A "12345678-abcd-ef12-3456-7890abcdef00" /* the reference's register example */
#define UUID_B "b4b5671e-4a90-4fe1-b81f-fb13dae1dacb"
#define UUID_C "d1582309-f023-47b9-827c-4464f5578fc8"
#define UUID_D "79b55c73-1d8c-44b9-8593-61e1770ad8d2"
#define UUID_E "e0fad9b3-7f5c-42c5-b2ee-b7a82313cdb2"
#define UUID_F "5c9edbc3-7b3a-4367-9f83-7c191ae86a37"
#define UUID_UNKNOWN "00000000-0000-0000-0000-000000000001"

/* Every property bit: 1.0 callers see 0x7, 1.1 callers 0x11f (no REQ2 bits), 1.2 all. */
#define ALL_PROPS 0x71fu
#define PROPS_V1_0 0x007u
#define PROPS_V1_1 0x11fu

#define X(n) (1u << (n))

static void parse(const char *text, uint8_t out[FFA_UUID_SIZE])
{
	cr_assert_eq(ffa_uuid_parse(text, out), FFA_UUID_OK, "%s", text);
}

/* Adds a v1.2 partition with the given UUIDs (NULL-terminated list). */
static struct spmc_endpoint *add_sp(struct spmc_fixture *f, uint16_t id, uint16_t ctx,
				    uint32_t props, const char *const *uuids)
{
	char name[16];
	struct spmc_endpoint *ep;

	snprintf(name, sizeof(name), "sp%x", id);
	ep = spmc_fixture_add_sp(f, id, name, props);
	ep->exec_ctx_count = ctx;
	for (; uuids != NULL && *uuids != NULL; uuids++)
		parse(*uuids, ep->uuids[ep->uuid_count++]);
	return ep;
}

static void negotiate(struct spmc_fixture *f, uint32_t version)
{
	struct ffa_value v = spmc_fixture_call1(f, f->nw, FFA_VERSION, version);

	expect_ffa_version(&v, FFA_VERSION_1_2);
}

static void map_nw(struct spmc_fixture *f, unsigned pages)
{
	uint64_t args[3] = {NS_TX, NS_TX + pages * 0x1000ull, pages};
	struct ffa_value v = spmc_fixture_call(f, f->nw, FFA_RXTX_MAP_64, args, 3);

	expect_ffa_success(&v, 0, false);
}

/* A fresh hafnium:1.2 SPMC; the normal world negotiated `version` and mapped one page. */
static void init(struct spmc_fixture *f, uint32_t version)
{
	spmc_fixture_init(f, "hafnium:1.2");
	negotiate(f, version);
	map_nw(f, 1);
}

/* FFA_PARTITION_INFO_GET with a UUID (NULL: Nil) and w5 flags; x6-x17 poisoned. */
static struct ffa_value info_get(struct spmc_fixture *f, struct spmc_endpoint *from,
				 const char *uuid, uint64_t flags)
{
	uint8_t u[FFA_UUID_SIZE] = {0};
	uint32_t w[4];
	uint64_t args[5];

	if (uuid != NULL)
		parse(uuid, u);
	ffa_uuid_to_regs32(u, w);
	for (unsigned i = 0; i < 4; i++)
		args[i] = w[i];
	args[4] = flags;
	return spmc_fixture_call(f, from, FFA_PARTITION_INFO_GET, args, 5);
}

/* FFA_PARTITION_INFO_GET_REGS with a UUID (NULL: Nil), start index and tag. */
static struct ffa_value info_get_regs(struct spmc_fixture *f, const char *uuid, uint16_t start,
				      uint16_t tag)
{
	uint8_t u[FFA_UUID_SIZE] = {0};
	uint64_t args[3];

	if (uuid != NULL)
		parse(uuid, u);
	ffa_uuid_to_regs64(u, &args[0], &args[1]);
	args[2] = ffa_partinfo_regs_request(start, tag);
	return spmc_fixture_call(f, f->nw, FFA_PARTITION_INFO_GET_REGS_64, args, 3);
}

static const uint8_t *nw_rx(struct spmc_fixture *f)
{
	const uint8_t *p = fake_memory_ptr(&f->memory, NS_RX, 0x1000);

	cr_assert_not_null(p);
	return p;
}

/* Checks the raw bytes of one descriptor: little-endian fields, UUID in text order (NULL:
 * zero). v1.0 descriptors are 8 bytes and carry no UUID. */
static void expect_desc(const uint8_t *p, bool v1_0, uint16_t id, uint16_t ctx, uint32_t props,
			const char *uuid)
{
	uint8_t u[FFA_UUID_SIZE] = {0};

	cr_assert_eq(p[0] | p[1] << 8, id, "id 0x%x, expected 0x%x", p[0] | p[1] << 8, id);
	cr_assert_eq(p[2] | p[3] << 8, ctx, "execution contexts");
	cr_assert_eq((uint32_t)p[4] | (uint32_t)p[5] << 8 | (uint32_t)p[6] << 16 |
			     (uint32_t)p[7] << 24,
		     props, "properties of 0x%x", id);
	if (v1_0)
		return;
	if (uuid != NULL)
		parse(uuid, u);
	cr_assert_arr_eq(p + 8, u, FFA_UUID_SIZE, "UUID of 0x%x", id);
}

/* Asserts an FFA_PARTITION_INFO_GET success: w2 = count, w3 = size, all else zero. */
static void expect_info(const struct ffa_value *v, uint32_t count, uint32_t size)
{
	expect_ffa_success(v, X(2) | X(3), false);
	cr_assert_eq(v->x[2], count, "count %llu, expected %u", (unsigned long long)v->x[2], count);
	cr_assert_eq(v->x[3], size, "size %llu, expected %u", (unsigned long long)v->x[3], size);
}

/* Asserts every register of a value. */
static void expect_regs(const struct ffa_value *v, const struct ffa_value *want)
{
	char buf[1024];

	for (unsigned i = 0; i < FFA_REG_COUNT; i++)
		cr_assert_eq(v->x[i], want->x[i], "x%u = 0x%llx, expected 0x%llx: %s", i,
			     (unsigned long long)v->x[i], (unsigned long long)want->x[i],
			     ffa_value_format(v, buf, sizeof(buf)));
}

/* One GET_REGS triple for a partition. */
static void set_triple(struct ffa_value *v, unsigned slot, uint16_t id, uint16_t ctx,
		       uint32_t props, const char *uuid)
{
	uint8_t u[FFA_UUID_SIZE] = {0};

	if (uuid != NULL)
		parse(uuid, u);
	v->x[3 + 3 * slot] = (uint64_t)id | (uint64_t)ctx << 16 | (uint64_t)props << 32;
	ffa_uuid_to_regs64(u, &v->x[4 + 3 * slot], &v->x[5 + 3 * slot]);
}

/* ---- abi/partinfo ---- */

/* Descriptor size by reader version: 8 bytes for v1.0, 24 for v1.1 and v1.2. */
Test(partinfo_abi, size_by_version)
{
	cr_assert_eq(ffa_partinfo_size(FFA_VERSION_1_0), 8);
	cr_assert_eq(ffa_partinfo_size(FFA_VERSION_1_1), 24);
	cr_assert_eq(ffa_partinfo_size(FFA_VERSION_1_2), 24);
}

/* The v1.1/v1.2 layout: id, count, properties little-endian, then the UUID in text order. */
Test(partinfo_abi, write_v1_2_layout)
{
	static const uint8_t want[24] = {0x01, 0x80, 0x04, 0x00, 0x1f, 0x07, 0x00, 0x00,
					 0x12, 0x34, 0x56, 0x78, 0xab, 0xcd, 0xef, 0x12,
					 0x34, 0x56, 0x78, 0x90, 0xab, 0xcd, 0xef, 0x00};
	struct ffa_partinfo info = {.id = 0x8001, .exec_ctx_count = 4, .props = ALL_PROPS};
	uint8_t buf[32];

	parse(UUID_A, info.uuid);
	memset(buf, 0xee, sizeof(buf));
	cr_assert_eq(ffa_partinfo_write(buf, &info, FFA_VERSION_1_2), 24);
	cr_assert_arr_eq(buf, want, sizeof(want));
	cr_assert_eq(buf[24], 0xee, "nothing past the descriptor is written");
}

/* The v1.0 layout is 8 bytes and masks the properties to bits 0-2 (regression 9). */
Test(partinfo_abi, write_v1_0_layout_masks)
{
	static const uint8_t want[8] = {0x02, 0x80, 0x01, 0x00, 0x07, 0x00, 0x00, 0x00};
	struct ffa_partinfo info = {.id = 0x8002, .exec_ctx_count = 1, .props = ALL_PROPS};
	uint8_t buf[24];

	parse(UUID_B, info.uuid);
	memset(buf, 0xee, sizeof(buf));
	cr_assert_eq(ffa_partinfo_write(buf, &info, FFA_VERSION_1_0), 8);
	cr_assert_arr_eq(buf, want, sizeof(want));
	for (unsigned i = 8; i < sizeof(buf); i++)
		cr_assert_eq(buf[i], 0xee, "byte %u written", i);
}

/* A v1.1 reader sees no DIRECT_REQ2 bits. */
Test(partinfo_abi, write_v1_1_masks_req2)
{
	struct ffa_partinfo info = {.id = 0x8003, .exec_ctx_count = 2, .props = ALL_PROPS};
	struct ffa_partinfo back;
	uint8_t buf[24];

	ffa_partinfo_write(buf, &info, FFA_VERSION_1_1);
	ffa_partinfo_read(buf, FFA_VERSION_1_1, &back);
	cr_assert_eq(back.props, PROPS_V1_1);
}

/* write then read gives the descriptor back (v1.2), and the UUID-less v1.0 form. */
Test(partinfo_abi, read_round_trip)
{
	struct ffa_partinfo info = {.id = 0x8123, .exec_ctx_count = 8, .props = 0x303};
	struct ffa_partinfo back;
	uint8_t buf[24];

	parse(UUID_C, info.uuid);
	ffa_partinfo_write(buf, &info, FFA_VERSION_1_2);
	ffa_partinfo_read(buf, FFA_VERSION_1_2, &back);
	cr_assert_eq(back.id, 0x8123);
	cr_assert_eq(back.exec_ctx_count, 8);
	cr_assert_eq(back.props, 0x303);
	cr_assert_arr_eq(back.uuid, info.uuid, FFA_UUID_SIZE);
	ffa_partinfo_write(buf, &info, FFA_VERSION_1_0);
	ffa_partinfo_read(buf, FFA_VERSION_1_0, &back);
	cr_assert_eq(back.id, 0x8123);
	cr_assert_eq(back.props, 0x3);
	cr_assert(ffa_uuid_is_null(back.uuid));
}

/* The GET_REGS triple: id | ctx << 16 | props << 32, then the UUID halves (or zeros). */
Test(partinfo_abi, regs_form)
{
	struct ffa_partinfo info = {.id = 0x8001, .exec_ctx_count = 4, .props = ALL_PROPS};
	struct ffa_partinfo back;
	uint64_t regs[3];

	parse(UUID_A, info.uuid);
	ffa_partinfo_to_regs(&info, FFA_VERSION_1_2, true, regs);
	cr_assert_eq(regs[0], 0x0000071f00048001ull);
	cr_assert_eq(regs[1], 0x12efcdab78563412ull);
	cr_assert_eq(regs[2], 0x00efcdab90785634ull);
	ffa_partinfo_from_regs(regs, &back);
	cr_assert_eq(back.id, 0x8001);
	cr_assert_eq(back.exec_ctx_count, 4);
	cr_assert_eq(back.props, ALL_PROPS);
	cr_assert_arr_eq(back.uuid, info.uuid, FFA_UUID_SIZE);
	ffa_partinfo_to_regs(&info, FFA_VERSION_1_1, false, regs);
	cr_assert_eq(regs[0], 0x0000011f00048001ull);
	cr_assert_eq(regs[1], 0);
	cr_assert_eq(regs[2], 0);
}

/* The GET_REGS request and answer fields pack and unpack. */
Test(partinfo_abi, regs_fields)
{
	uint64_t x2 = ffa_partinfo_regs_x2(6, 4, 0x1234, 24);
	uint64_t x3 = ffa_partinfo_regs_request(5, 0xbeef);

	cr_assert_eq(x2, 0x0018123400040006ull);
	cr_assert_eq(ffa_partinfo_regs_last(x2), 6);
	cr_assert_eq(ffa_partinfo_regs_current(x2), 4);
	cr_assert_eq(ffa_partinfo_regs_answer_tag(x2), 0x1234);
	cr_assert_eq(ffa_partinfo_regs_size(x2), 24);
	cr_assert_eq(x3, 0xbeef0005ull);
	cr_assert_eq(ffa_partinfo_regs_start(x3), 5);
	cr_assert_eq(ffa_partinfo_regs_tag(x3), 0xbeef);
}

/* ---- FFA_PARTITION_INFO_GET ---- */

/* Nil UUID from a v1.2 caller: every partition, 24-byte descriptors with UUIDs, in the order
 * they were added; the caller then owns its RX buffer. */
Test(partition_info, all_partitions_v1_2)
{
	static const char *const a[] = {UUID_A, NULL}, *const b[] = {UUID_B, NULL};
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f, FFA_VERSION_1_2);
	add_sp(&f, 0x8001, 1, ALL_PROPS, a);
	add_sp(&f, 0x8002, 4, FFA_PROP_DIRECT_REQ_RECV, b);
	v = info_get(&f, f.nw, NULL, 0);
	expect_info(&v, 2, 24);
	expect_desc(nw_rx(&f), false, 0x8001, 1, ALL_PROPS, UUID_A);
	expect_desc(nw_rx(&f) + 24, false, 0x8002, 4, FFA_PROP_DIRECT_REQ_RECV, UUID_B);
	cr_assert(f.nw->rxtx.rx_full);
	spmc_fixture_fini(&f);
}

/* A v1.0 caller: 8-byte descriptors, w3 zero (no size field in v1.0), properties masked to
 * bits 0-2 (regression 9: Hafnium once showed 1.1 bits to 1.0 callers). */
Test(partition_info, v1_0_caller)
{
	static const char *const a[] = {UUID_A, NULL}, *const b[] = {UUID_B, NULL};
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f, FFA_VERSION_1_0);
	add_sp(&f, 0x8001, 1, ALL_PROPS, a);
	add_sp(&f, 0x8002, 2, ALL_PROPS, b);
	v = info_get(&f, f.nw, NULL, 0);
	expect_info(&v, 2, 0);
	expect_desc(nw_rx(&f), true, 0x8001, 1, PROPS_V1_0, NULL);
	expect_desc(nw_rx(&f) + 8, true, 0x8002, 2, PROPS_V1_0, NULL);
	spmc_fixture_fini(&f);
}

/* A v1.1 caller: 24-byte descriptors without the DIRECT_REQ2 bits (regression 9). */
Test(partition_info, v1_1_caller_masks_req2)
{
	static const char *const a[] = {UUID_A, NULL};
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f, FFA_VERSION_1_1);
	add_sp(&f, 0x8001, 1, ALL_PROPS, a);
	v = info_get(&f, f.nw, NULL, 0);
	expect_info(&v, 1, 24);
	expect_desc(nw_rx(&f), false, 0x8001, 1, PROPS_V1_1, UUID_A);
	spmc_fixture_fini(&f);
}

/* A partition with two UUIDs appears twice for a v1.2 caller, once per UUID. */
Test(partition_info, two_uuids_twice_v1_2)
{
	static const char *const ac[] = {UUID_A, UUID_C, NULL}, *const b[] = {UUID_B, NULL};
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f, FFA_VERSION_1_2);
	add_sp(&f, 0x8001, 2, ALL_PROPS, ac);
	add_sp(&f, 0x8002, 1, ALL_PROPS, b);
	v = info_get(&f, f.nw, NULL, 0);
	expect_info(&v, 3, 24);
	expect_desc(nw_rx(&f), false, 0x8001, 2, ALL_PROPS, UUID_A);
	expect_desc(nw_rx(&f) + 24, false, 0x8001, 2, ALL_PROPS, UUID_C);
	expect_desc(nw_rx(&f) + 48, false, 0x8002, 1, ALL_PROPS, UUID_B);
	spmc_fixture_fini(&f);
}

/* From v1.1 a partition appears once per UUID; a v1.0 caller sees it once, first UUID only
 * (8-byte descriptors carry no UUID). */
Test(partition_info, two_uuids_per_version)
{
	static const char *const ac[] = {UUID_A, UUID_C, NULL}, *const b[] = {UUID_B, NULL};
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f, FFA_VERSION_1_1);
	add_sp(&f, 0x8001, 2, ALL_PROPS, ac);
	add_sp(&f, 0x8002, 1, ALL_PROPS, b);
	v = info_get(&f, f.nw, NULL, 0);
	expect_info(&v, 3, 24);
	expect_desc(nw_rx(&f), false, 0x8001, 2, PROPS_V1_1, UUID_A);
	expect_desc(nw_rx(&f) + 24, false, 0x8001, 2, PROPS_V1_1, UUID_C);
	expect_desc(nw_rx(&f) + 48, false, 0x8002, 1, PROPS_V1_1, UUID_B);
	spmc_fixture_fini(&f);
	init(&f, FFA_VERSION_1_0);
	add_sp(&f, 0x8001, 2, ALL_PROPS, ac);
	add_sp(&f, 0x8002, 1, ALL_PROPS, b);
	v = info_get(&f, f.nw, NULL, 0);
	cr_assert_eq(v.x[2], 2, "v1.0: one descriptor per partition");
	spmc_fixture_fini(&f);
}

/* A named UUID (here a partition's second one) lists the partitions implementing it, with a
 * zero UUID field, as TF-A's tests expect. */
Test(partition_info, specific_uuid_zero_field)
{
	static const char *const ac[] = {UUID_A, UUID_C, NULL}, *const b[] = {UUID_B, NULL};
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f, FFA_VERSION_1_2);
	add_sp(&f, 0x8001, 2, ALL_PROPS, ac);
	add_sp(&f, 0x8002, 1, ALL_PROPS, b);
	memset(fake_memory_ptr(&f.memory, NS_RX, 0x1000), 0xee, 0x1000);
	v = info_get(&f, f.nw, UUID_C, 0);
	expect_info(&v, 1, 24);
	expect_desc(nw_rx(&f), false, 0x8001, 2, ALL_PROPS, NULL);
	spmc_fixture_fini(&f);
}

/* Two partitions implementing the same UUID are both listed. */
Test(partition_info, shared_uuid)
{
	static const char *const a[] = {UUID_A, NULL}, *const ba[] = {UUID_B, UUID_A, NULL};
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f, FFA_VERSION_1_2);
	add_sp(&f, 0x8001, 1, ALL_PROPS, a);
	add_sp(&f, 0x8002, 1, FFA_PROP_DIRECT_REQ_RECV, ba);
	v = info_get(&f, f.nw, UUID_A, 0);
	expect_info(&v, 2, 24);
	expect_desc(nw_rx(&f), false, 0x8001, 1, ALL_PROPS, NULL);
	expect_desc(nw_rx(&f) + 24, false, 0x8002, 1, FFA_PROP_DIRECT_REQ_RECV, NULL);
	spmc_fixture_fini(&f);
}

/* The reference's register example: w1 0x78563412, w2 0x12efcdab, w3 0x90785634,
 * w4 0x00efcdab name 12345678-abcd-ef12-3456-7890abcdef00; upper halves are not read. */
Test(partition_info, reference_register_example)
{
	static const char *const a[] = {UUID_A, NULL}, *const b[] = {UUID_B, NULL};
	static const uint64_t args[5] = {0xc5c5c5c578563412ull, 0x12efcdabull, 0x90785634ull,
					 0xffffffff00efcdabull, 0};
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f, FFA_VERSION_1_2);
	add_sp(&f, 0x8002, 1, ALL_PROPS, b);
	add_sp(&f, 0x8001, 3, ALL_PROPS, a);
	v = spmc_fixture_call(&f, f.nw, FFA_PARTITION_INFO_GET, args, 5);
	expect_info(&v, 1, 24);
	expect_desc(nw_rx(&f), false, 0x8001, 3, ALL_PROPS, NULL);
	spmc_fixture_fini(&f);
}

/* A UUID no partition implements is INVALID_PARAMETERS; the RX buffer stays the SPMC's. */
Test(partition_info, unknown_uuid)
{
	static const char *const a[] = {UUID_A, NULL};
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f, FFA_VERSION_1_2);
	add_sp(&f, 0x8001, 1, ALL_PROPS, a);
	v = info_get(&f, f.nw, UUID_UNKNOWN, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	cr_assert_not(f.nw->rxtx.rx_full);
	v = info_get(&f, f.nw, UUID_UNKNOWN, FFA_PARTITION_INFO_COUNT_ONLY);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	spmc_fixture_fini(&f);
}

/* No partitions at all: nothing to list is INVALID_PARAMETERS (TF-A's answer). */
Test(partition_info, no_partitions)
{
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f, FFA_VERSION_1_2);
	v = info_get(&f, f.nw, NULL, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	spmc_fixture_fini(&f);
}

/* Count only (w5 bit 0): w2 = count, w3 = 0, the RX buffer untouched and not handed over. */
Test(partition_info, count_only)
{
	static const char *const ac[] = {UUID_A, UUID_C, NULL}, *const b[] = {UUID_B, NULL};
	struct spmc_fixture f;
	struct ffa_value v;
	uint8_t *rx;

	init(&f, FFA_VERSION_1_2);
	add_sp(&f, 0x8001, 1, ALL_PROPS, ac);
	add_sp(&f, 0x8002, 1, ALL_PROPS, b);
	rx = fake_memory_ptr(&f.memory, NS_RX, 0x1000);
	memset(rx, 0xa5, 0x1000);
	v = info_get(&f, f.nw, NULL, FFA_PARTITION_INFO_COUNT_ONLY);
	expect_info(&v, 3, 0);
	for (unsigned i = 0; i < 0x1000; i++)
		cr_assert_eq(rx[i], 0xa5, "RX byte %u written", i);
	cr_assert_not(f.nw->rxtx.rx_full);
	v = info_get(&f, f.nw, UUID_C, FFA_PARTITION_INFO_COUNT_ONLY);
	expect_info(&v, 1, 0);
	spmc_fixture_fini(&f);
}

/* Count only needs no RX buffer, and works while the caller owns it. */
Test(partition_info, count_only_without_buffer)
{
	static const char *const a[] = {UUID_A, NULL};
	struct spmc_fixture f;
	struct ffa_value v;

	spmc_fixture_init(&f, "hafnium:1.2");
	negotiate(&f, FFA_VERSION_1_2);
	add_sp(&f, 0x8001, 1, ALL_PROPS, a);
	v = info_get(&f, f.nw, NULL, FFA_PARTITION_INFO_COUNT_ONLY);
	expect_info(&v, 1, 0);
	map_nw(&f, 1);
	f.nw->rxtx.rx_full = true;
	v = info_get(&f, f.nw, NULL, FFA_PARTITION_INFO_COUNT_ONLY);
	expect_info(&v, 1, 0);
	spmc_fixture_fini(&f);
}

/* w5 bits 31:1 are MBZ for v1.1+ callers; the upper half of x5 is not part of w5. */
Test(partition_info, flags_mbz)
{
	static const char *const a[] = {UUID_A, NULL};
	static const uint64_t bad[] = {0x2, 0x3, 0x80000000u, 0x80000001u};
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f, FFA_VERSION_1_2);
	add_sp(&f, 0x8001, 1, ALL_PROPS, a);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = info_get(&f, f.nw, NULL, bad[i]);
		expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	}
	v = info_get(&f, f.nw, NULL, 0xc5c5c5c500000001ull);
	expect_info(&v, 1, 0);
	spmc_fixture_fini(&f);
}

/* v1.0 has no flags: w5 is MBZ, so the count-only bit from a v1.0 caller is refused. */
Test(partition_info, v1_0_flags_mbz)
{
	static const char *const a[] = {UUID_A, NULL};
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f, FFA_VERSION_1_0);
	add_sp(&f, 0x8001, 1, ALL_PROPS, a);
	v = info_get(&f, f.nw, NULL, FFA_PARTITION_INFO_COUNT_ONLY);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	cr_assert_not(f.nw->rxtx.rx_full);
	v = info_get(&f, f.nw, NULL, 0);
	expect_info(&v, 1, 0);
	spmc_fixture_fini(&f);
}

/* Without an RX buffer the descriptors have nowhere to go: BUSY. */
Test(partition_info, busy_without_buffer)
{
	static const char *const a[] = {UUID_A, NULL};
	struct spmc_fixture f;
	struct ffa_value v;

	spmc_fixture_init(&f, "hafnium:1.2");
	negotiate(&f, FFA_VERSION_1_2);
	add_sp(&f, 0x8001, 1, ALL_PROPS, a);
	v = info_get(&f, f.nw, NULL, 0);
	expect_ffa_error(&v, FFA_BUSY);
	spmc_fixture_fini(&f);
}

/* The caller owns its RX buffer after an answer: BUSY until FFA_RX_RELEASE. */
Test(partition_info, busy_until_rx_release)
{
	static const char *const a[] = {UUID_A, NULL};
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f, FFA_VERSION_1_2);
	add_sp(&f, 0x8001, 1, ALL_PROPS, a);
	v = info_get(&f, f.nw, NULL, 0);
	expect_info(&v, 1, 24);
	v = info_get(&f, f.nw, NULL, 0);
	expect_ffa_error(&v, FFA_BUSY);
	v = info_get(&f, f.nw, UUID_A, 0);
	expect_ffa_error(&v, FFA_BUSY);
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_RELEASE, 0);
	expect_ffa_success(&v, 0, false);
	v = info_get(&f, f.nw, UUID_A, 0);
	expect_info(&v, 1, 24);
	spmc_fixture_fini(&f);
}

/* More descriptors than the RX buffer holds: NO_MEMORY (176 x 24 bytes > one page); a
 * two-page buffer takes them. */
Test(partition_info, no_memory)
{
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f, FFA_VERSION_1_2);
	for (uint16_t i = 0; i < 22; i++) {
		struct spmc_endpoint *ep = add_sp(&f, (uint16_t)(0x8001 + i), 1, ALL_PROPS, NULL);

		for (unsigned u = 0; u < SPMC_MAX_UUIDS; u++) {
			memset(ep->uuids[u], 0, FFA_UUID_SIZE);
			ep->uuids[u][0] = (uint8_t)(i + 1);
			ep->uuids[u][1] = (uint8_t)(u + 1);
		}
		ep->uuid_count = SPMC_MAX_UUIDS;
	}
	v = info_get(&f, f.nw, NULL, 0);
	expect_ffa_error(&v, FFA_NO_MEMORY);
	cr_assert_not(f.nw->rxtx.rx_full);
	v = info_get(&f, f.nw, NULL, FFA_PARTITION_INFO_COUNT_ONLY);
	expect_info(&v, 176, 0);
	v = spmc_fixture_call1(&f, f.nw, FFA_RXTX_UNMAP, 0);
	expect_ffa_success(&v, 0, false);
	map_nw(&f, 2);
	v = info_get(&f, f.nw, NULL, 0);
	expect_info(&v, 176, 24);
	spmc_fixture_fini(&f);
}

/* A partition asking lists itself too, in its own (secure) RX buffer. */
Test(partition_info, partition_lists_itself)
{
	static const char *const a[] = {UUID_A, NULL}, *const b[] = {UUID_B, NULL};
	static const uint64_t map_args[3] = {S_TX, S_RX, 1};
	struct spmc_endpoint *sp1;
	struct spmc_fixture f;
	struct ffa_value v;
	const uint8_t *rx;

	init(&f, FFA_VERSION_1_2);
	sp1 = add_sp(&f, 0x8001, 1, ALL_PROPS, a);
	add_sp(&f, 0x8002, 2, FFA_PROP_DIRECT_REQ_RECV, b);
	v = spmc_fixture_call(&f, sp1, FFA_RXTX_MAP_64, map_args, 3);
	expect_ffa_success(&v, 0, false);
	v = info_get(&f, sp1, NULL, 0);
	expect_info(&v, 2, 24);
	rx = fake_memory_ptr(&f.memory, S_RX, 0x1000);
	cr_assert_not_null(rx);
	expect_desc(rx, false, 0x8001, 1, ALL_PROPS, UUID_A);
	expect_desc(rx + 24, false, 0x8002, 2, FFA_PROP_DIRECT_REQ_RECV, UUID_B);
	cr_assert(sp1->rxtx.rx_full);
	cr_assert_not(f.nw->rxtx.rx_full, "only the caller's buffer is handed over");
	spmc_fixture_fini(&f);
}

/* A partition without a UUID is listed, with a Nil UUID, when all partitions are asked for. */
Test(partition_info, partition_without_uuid)
{
	static const char *const a[] = {UUID_A, NULL};
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f, FFA_VERSION_1_2);
	add_sp(&f, 0x8001, 1, FFA_PROP_DIRECT_REQ_RECV, NULL);
	add_sp(&f, 0x8002, 1, ALL_PROPS, a);
	v = info_get(&f, f.nw, NULL, 0);
	expect_info(&v, 2, 24);
	expect_desc(nw_rx(&f), false, 0x8001, 1, FFA_PROP_DIRECT_REQ_RECV, NULL);
	expect_desc(nw_rx(&f) + 24, false, 0x8002, 1, ALL_PROPS, UUID_A);
	spmc_fixture_fini(&f);
}

/* ---- FFA_PARTITION_INFO_GET_REGS ---- */

/* Seven descriptors: sp1 implements four UUIDs, sp2 and sp3 one, sp4 none. */
static void add_seven(struct spmc_fixture *f)
{
	static const char *const acde[] = {UUID_A, UUID_C, UUID_D, UUID_E, NULL};
	static const char *const b[] = {UUID_B, NULL}, *const fu[] = {UUID_F, NULL};

	add_sp(f, 0x8001, 4, ALL_PROPS, acde);
	add_sp(f, 0x8002, 1, FFA_PROP_DIRECT_REQ_RECV, b);
	add_sp(f, 0x8003, 2, FFA_PROP_DIRECT_REQ2_RECV, fu);
	add_sp(f, 0x8004, 1, 0, NULL);
}

/* Start 0: five partitions in x3-x17; x2 = last 6 | current 4 | tag 0 | size 24. */
Test(partition_info_regs, first_page)
{
	struct spmc_fixture f;
	struct ffa_value v, want = {{0}};

	init(&f, FFA_VERSION_1_2);
	add_seven(&f);
	v = info_get_regs(&f, NULL, 0, 0);
	want.x[0] = FFA_SUCCESS_64;
	want.x[2] = 0x0018000000040006ull;
	set_triple(&want, 0, 0x8001, 4, ALL_PROPS, UUID_A);
	set_triple(&want, 1, 0x8001, 4, ALL_PROPS, UUID_C);
	set_triple(&want, 2, 0x8001, 4, ALL_PROPS, UUID_D);
	set_triple(&want, 3, 0x8001, 4, ALL_PROPS, UUID_E);
	set_triple(&want, 4, 0x8002, 1, FFA_PROP_DIRECT_REQ_RECV, UUID_B);
	expect_regs(&v, &want);
	spmc_fixture_fini(&f);
}

/* Start 5 with the tag the first answer gave (0): the last two; x9-x17 zero. */
Test(partition_info_regs, second_page)
{
	struct spmc_fixture f;
	struct ffa_value v, want = {{0}};

	init(&f, FFA_VERSION_1_2);
	add_seven(&f);
	v = info_get_regs(&f, NULL, 0, 0);
	cr_assert_eq(v.x[0], FFA_SUCCESS_64);
	v = info_get_regs(&f, NULL, 5, ffa_partinfo_regs_answer_tag(v.x[2]));
	want.x[0] = FFA_SUCCESS_64;
	want.x[2] = 0x0018000000060006ull;
	set_triple(&want, 0, 0x8003, 2, FFA_PROP_DIRECT_REQ2_RECV, UUID_F);
	set_triple(&want, 1, 0x8004, 1, 0, NULL);
	expect_regs(&v, &want);
	spmc_fixture_fini(&f);
}

/* Paging from current + 1 until current == last visits each descriptor once, in the order
 * of the RX-buffer form. */
Test(partition_info_regs, paging_matches_rx_form)
{
	struct spmc_fixture f;
	struct ffa_value v;
	uint16_t start = 0, last;
	unsigned seen = 0;

	init(&f, FFA_VERSION_1_2);
	add_seven(&f);
	v = info_get(&f, f.nw, NULL, 0);
	expect_info(&v, 7, 24);
	do {
		v = info_get_regs(&f, NULL, start, 0);
		cr_assert_eq(v.x[0], FFA_SUCCESS_64);
		last = ffa_partinfo_regs_last(v.x[2]);
		cr_assert_eq(ffa_partinfo_regs_size(v.x[2]), 24);
		for (uint16_t i = start; i <= ffa_partinfo_regs_current(v.x[2]); i++) {
			struct ffa_partinfo from_regs, from_rx;

			ffa_partinfo_from_regs(&v.x[3 + 3 * (i - start)], &from_regs);
			ffa_partinfo_read(nw_rx(&f) + 24 * i, FFA_VERSION_1_2, &from_rx);
			cr_assert_eq(from_regs.id, from_rx.id, "descriptor %u", i);
			cr_assert_eq(from_regs.exec_ctx_count, from_rx.exec_ctx_count);
			cr_assert_eq(from_regs.props, from_rx.props);
			cr_assert_arr_eq(from_regs.uuid, from_rx.uuid, FFA_UUID_SIZE);
			seen++;
		}
		start = (uint16_t)(ffa_partinfo_regs_current(v.x[2]) + 1);
	} while (start <= last);
	cr_assert_eq(seen, 7);
	spmc_fixture_fini(&f);
}

/* A tag the SPMC did not hand out (it hands out 0): RETRY. */
Test(partition_info_regs, unknown_tag_retry)
{
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f, FFA_VERSION_1_2);
	add_seven(&f);
	v = info_get_regs(&f, NULL, 0, 1);
	expect_ffa_error(&v, FFA_RETRY);
	v = info_get_regs(&f, NULL, 5, 0xffff);
	expect_ffa_error(&v, FFA_RETRY);
	spmc_fixture_fini(&f);
}

/* A start index past the last descriptor: INVALID_PARAMETERS. */
Test(partition_info_regs, start_beyond_last)
{
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f, FFA_VERSION_1_2);
	add_seven(&f);
	v = info_get_regs(&f, NULL, 7, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = info_get_regs(&f, NULL, 0xffff, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = info_get_regs(&f, NULL, 6, 0);
	cr_assert_eq(v.x[0], FFA_SUCCESS_64, "the last index itself is valid");
	cr_assert_eq(v.x[2], 0x0018000000060006ull);
	spmc_fixture_fini(&f);
}

/* x1/x2 = the reference example's UUID (bytes 0-7 / 8-15, byte 0 lowest): one descriptor,
 * its UUID registers zero because a UUID was named. */
Test(partition_info_regs, reference_uuid_example)
{
	static const uint64_t args[3] = {0x12efcdab78563412ull, 0x00efcdab90785634ull, 0};
	struct spmc_fixture f;
	struct ffa_value v, want = {{0}};

	init(&f, FFA_VERSION_1_2);
	add_seven(&f);
	v = spmc_fixture_call(&f, f.nw, FFA_PARTITION_INFO_GET_REGS_64, args, 3);
	want.x[0] = FFA_SUCCESS_64;
	want.x[2] = 0x0018000000000000ull;
	set_triple(&want, 0, 0x8001, 4, ALL_PROPS, NULL);
	expect_regs(&v, &want);
	spmc_fixture_fini(&f);
}

/* An unknown UUID: INVALID_PARAMETERS. */
Test(partition_info_regs, unknown_uuid)
{
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f, FFA_VERSION_1_2);
	add_seven(&f);
	v = info_get_regs(&f, UUID_UNKNOWN, 0, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	spmc_fixture_fini(&f);
}

/* No RX buffer is involved: it works with the buffer owned by the caller and leaves it so. */
Test(partition_info_regs, no_rx_buffer_involved)
{
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f, FFA_VERSION_1_2);
	add_seven(&f);
	f.nw->rxtx.rx_full = true;
	v = info_get_regs(&f, NULL, 0, 0);
	cr_assert_eq(v.x[0], FFA_SUCCESS_64);
	cr_assert(f.nw->rxtx.rx_full);
	v = spmc_fixture_call1(&f, f.nw, FFA_RXTX_UNMAP, 0);
	expect_ffa_success(&v, 0, false);
	v = info_get_regs(&f, NULL, 0, 0);
	cr_assert_eq(v.x[0], FFA_SUCCESS_64);
	spmc_fixture_fini(&f);
}

/* The function is v1.2: a v1.1 caller gets NOT_SUPPORTED. */
Test(partition_info_regs, needs_v1_2)
{
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f, FFA_VERSION_1_1);
	add_seven(&f);
	v = info_get_regs(&f, NULL, 0, 0);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	spmc_fixture_fini(&f);
}

/* The v1.3 descriptor: 48 bytes, image UUID at 24, the partition's version at 40, 44-47
 * reserved; written in a newer layout than its reader, properties masked for the reader. */
Test(partinfo_abi, v1_3_layout)
{
	struct ffa_partinfo info = {.id = 0x8001,
				    .exec_ctx_count = 4,
				    .props = ALL_PROPS,
				    .ffa_version = FFA_VERSION_1_2};
	struct ffa_partinfo back;
	uint8_t buf[64];
	uint64_t regs[FFA_PARTINFO_REGS_MAX];

	parse(UUID_A, info.uuid);
	parse(UUID_B, info.image_uuid);
	cr_assert_eq(ffa_partinfo_size(FFA_VERSION_1_3), 48);
	memset(buf, 0xa5, sizeof(buf));
	cr_assert_eq(ffa_partinfo_write_layout(buf, &info, FFA_VERSION_1_3, FFA_VERSION_1_1), 48);
	cr_expect_eq(buf[4] | buf[5] << 8, PROPS_V1_1, "masked for the v1.1 reader");
	cr_expect_eq(memcmp(buf + 8, info.uuid, 16), 0);
	cr_expect_eq(memcmp(buf + 24, info.image_uuid, 16), 0);
	cr_expect_eq(buf[40] | buf[41] << 8 | buf[42] << 16 | buf[43] << 24, FFA_VERSION_1_2);
	cr_expect_eq(buf[44] | buf[45] | buf[46] | buf[47], 0, "reserved");
	cr_expect_eq(buf[48], 0xa5, "nothing past 48 bytes");
	ffa_partinfo_read(buf, FFA_VERSION_1_3, &back);
	cr_expect_eq(back.ffa_version, FFA_VERSION_1_2);
	cr_expect_eq(memcmp(back.image_uuid, info.image_uuid, 16), 0);

	cr_assert_eq(ffa_partinfo_regs_per_partition(FFA_VERSION_1_2), 3);
	cr_assert_eq(ffa_partinfo_regs_per_partition(FFA_VERSION_1_3), 6);
	ffa_partinfo_to_regs_layout(&info, FFA_VERSION_1_3, FFA_VERSION_1_2, false, regs);
	cr_expect_eq(regs[0], 0x8001 | 4ull << 16 | (uint64_t)ALL_PROPS << 32);
	cr_expect_eq(regs[1] | regs[2], 0, "no protocol UUID when a UUID was asked for");
	cr_expect_eq(regs[5], FFA_VERSION_1_2);
	ffa_partinfo_from_regs_layout(regs, FFA_VERSION_1_3, &back);
	cr_expect_eq(memcmp(back.image_uuid, info.image_uuid, 16), 0);
	cr_expect_eq(back.ffa_version, FFA_VERSION_1_2);
}

/* Under hafnium (v1.3) a v1.1 caller gets 48-byte descriptors (w3 = 48) carrying each
 * partition's version; hafnium:1.2 gives the same caller 24 bytes. */
Test(partition_info, v1_3_spmc_descriptors)
{
	static const char *const a[] = {UUID_A, NULL};
	struct spmc_fixture f;
	struct ffa_partinfo p;
	struct ffa_value v;

	spmc_fixture_init(&f, "hafnium");
	v = spmc_fixture_call1(&f, f.nw, FFA_VERSION, FFA_VERSION_1_1);
	expect_ffa_version(&v, FFA_VERSION_1_3);
	map_nw(&f, 1);
	add_sp(&f, 0x8001, 2, ALL_PROPS, a);
	v = info_get(&f, f.nw, NULL, 0);
	expect_ffa_success(&v, X(2) | X(3), false);
	cr_expect_eq(v.x[3], 48);
	ffa_partinfo_read(nw_rx(&f), FFA_VERSION_1_3, &p);
	cr_expect_eq(p.id, 0x8001);
	cr_expect_eq(p.props, PROPS_V1_1);
	cr_expect_eq(p.ffa_version, FFA_VERSION_1_2);
	spmc_fixture_fini(&f);

	init(&f, FFA_VERSION_1_1);
	add_sp(&f, 0x8001, 2, ALL_PROPS, a);
	v = info_get(&f, f.nw, NULL, 0);
	cr_expect_eq(v.x[3], 24);
	spmc_fixture_fini(&f);
}

/* The v1.3 register form holds two partitions a call: three partitions take two calls,
 * x2 naming the current and last index and the size 48. */
Test(partition_info_regs, v1_3_two_per_call)
{
	static const char *const a[] = {UUID_A, NULL}, *const b[] = {UUID_B, NULL},
				 *const c[] = {UUID_C, NULL};
	struct spmc_fixture f;
	struct ffa_value v;

	spmc_fixture_init(&f, "hafnium");
	add_sp(&f, 0x8001, 1, FFA_PROP_DIRECT_REQ_RECV, a);
	add_sp(&f, 0x8002, 1, FFA_PROP_DIRECT_REQ_RECV, b);
	add_sp(&f, 0x8003, 1, FFA_PROP_DIRECT_REQ_RECV, c);
	v = info_get_regs(&f, NULL, 0, 0);
	cr_assert_eq(v.x[0], FFA_SUCCESS_64);
	cr_expect_eq(v.x[2], ffa_partinfo_regs_x2(2, 1, 0, 48));
	cr_expect_eq(v.x[3] & 0xffff, 0x8001);
	cr_expect_eq(v.x[8], FFA_VERSION_1_2, "the first partition's version in x8");
	cr_expect_eq(v.x[9] & 0xffff, 0x8002);
	cr_expect_eq(v.x[14], FFA_VERSION_1_2);
	cr_expect_eq(v.x[15] | v.x[16] | v.x[17], 0);
	v = info_get_regs(&f, NULL, 2, 0);
	cr_expect_eq(v.x[2], ffa_partinfo_regs_x2(2, 2, 0, 48));
	cr_expect_eq(v.x[3] & 0xffff, 0x8003);
	cr_expect_eq(v.x[9], 0);
	spmc_fixture_fini(&f);
}
