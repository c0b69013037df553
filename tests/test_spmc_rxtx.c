/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FFA_RXTX_MAP (32/64), FFA_RXTX_UNMAP and FFA_RX_RELEASE: every success and error path, with
 * every result register checked. The normal world maps in the virt platform's non-secure RAM
 * (0x40000000, 1 GiB); partitions map in its secure RAM (0x0e000000, 16 MiB).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "spmc_helpers.h"

#define NS_TX 0x40400000ull
#define NS_RX 0x40401000ull
#define S_TX 0x0e100000ull
#define S_RX 0x0e101000ull
#define NS_RAM_END 0x80000000ull
#define FLASH1 0x04000000ull
#define SECURE_RAM 0x0e000000ull

static struct ffa_value map(struct spmc_fixture *f, struct spmc_endpoint *ep, uint32_t fid,
			    uint64_t tx, uint64_t rx, uint64_t pages)
{
	uint64_t args[3] = {tx, rx, pages};

	return spmc_fixture_call(f, ep, fid, args, 3);
}

static struct spmc_endpoint *add_sp(struct spmc_fixture *f, uint16_t id, const char *name)
{
	return spmc_fixture_add_sp(f, id, name, FFA_PROP_DIRECT_REQ_RECV);
}

/* The largest page count FFA_RXTX_MAP accepts: the simulator's limit (16 pages). FFA_FEATURES
 * reports the real SPMC's instead (Hafnium: one page), so it is not asked here. */
static uint64_t max_pages(struct spmc_fixture *f)
{
	(void)f;
	return 16;
}

/* A fixture with the normal world at FF-A v1.2 under a personality. */
static void init_as(struct spmc_fixture *f, const char *spmc)
{
	struct ffa_value v;

	spmc_fixture_init(f, spmc);
	v = spmc_fixture_call1(f, f->nw, FFA_VERSION, FFA_VERSION_1_2);
	cr_assert_eq((uint32_t)v.x[0], FFA_VERSION_1_2);
}

static void init(struct spmc_fixture *f)
{
	init_as(f, "hafnium:1.2");
}

static void expect_unmapped(const struct spmc_endpoint *ep)
{
	cr_assert_not(ep->rxtx.mapped, "endpoint 0x%x must have no buffers", ep->id);
}

/* The 64-bit form maps both buffers: FFA_SUCCESS_32, x1-x17 zero, the SPMC records them. */
Test(rxtx_map, map64_success)
{
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f);
	v = map(&f, f.nw, FFA_RXTX_MAP_64, NS_TX, NS_RX, 1);
	expect_ffa_success(&v, 0, false);
	cr_assert(f.nw->rxtx.mapped);
	cr_assert_eq(f.nw->rxtx.tx, NS_TX);
	cr_assert_eq(f.nw->rxtx.rx, NS_RX);
	cr_assert_eq(f.nw->rxtx.page_count, 1);
	cr_assert_not(f.nw->rxtx.rx_full, "the SPMC owns a freshly mapped RX buffer");
	spmc_fixture_fini(&f);
}

/* The 32-bit form reads w1/w2 only: poisoned upper halves are ignored. */
Test(rxtx_map, map32_ignores_upper_halves)
{
	struct spmc_fixture f;
	struct ffa_value v;

	init_as(&f, "optee:1.2"); /* Hafnium has no 32-bit form */
	v = map(&f, f.nw, FFA_RXTX_MAP_32, 0xc5c5c5c500000000ull | NS_TX,
		0xc5c5c5c500000000ull | (NS_RX + 0x1000), 0xc5c5c5c500000002ull);
	expect_ffa_success(&v, 0, false);
	cr_assert_eq(f.nw->rxtx.tx, NS_TX);
	cr_assert_eq(f.nw->rxtx.rx, NS_RX + 0x1000);
	cr_assert_eq(f.nw->rxtx.page_count, 2);
	spmc_fixture_fini(&f);
}

/* The 64-bit form uses the whole of x1/x2: an address above 4 GiB is not the normal world's
 * RAM on virt (Hafnium: DENIED, see normal_world_outside_its_ram). */
Test(rxtx_map, map64_reads_full_address)
{
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f);
	v = map(&f, f.nw, FFA_RXTX_MAP_64, 0x100000000ull | NS_TX, NS_RX, 1);
	expect_ffa_error(&v, FFA_DENIED);
	expect_unmapped(f.nw);
	spmc_fixture_fini(&f);
}

/* A second map is DENIED, even with other valid buffers; the first pair stays. */
Test(rxtx_map, second_map_denied)
{
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f);
	v = map(&f, f.nw, FFA_RXTX_MAP_64, NS_TX, NS_RX, 1);
	expect_ffa_success(&v, 0, false);
	v = map(&f, f.nw, FFA_RXTX_MAP_64, NS_TX + 0x10000, NS_RX + 0x10000, 1);
	expect_ffa_error(&v, FFA_DENIED);
	/* Hafnium has no 32-bit form: refused as such before any check. */
	v = map(&f, f.nw, FFA_RXTX_MAP_32, NS_TX, NS_RX, 1);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	cr_assert_eq(f.nw->rxtx.tx, NS_TX);
	cr_assert_eq(f.nw->rxtx.rx, NS_RX);
	spmc_fixture_fini(&f);
}

/* Page count 0, above the maximum, or with reserved bits 31:6 set is refused. */
Test(rxtx_map, bad_page_counts)
{
	uint64_t bad[] = {0, 0 /* max + 1 */, 0x3f, 0x41, 1u << 31};
	struct spmc_fixture f;

	init(&f);
	bad[1] = max_pages(&f) + 1;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct ffa_value v =
			map(&f, f.nw, FFA_RXTX_MAP_64, NS_TX, NS_TX + 0x100000, bad[i]);

		expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
		expect_unmapped(f.nw);
	}
	spmc_fixture_fini(&f);
}

/* The largest page count the SPMC reports (FFA_FEATURES) is accepted. */
Test(rxtx_map, max_page_count)
{
	struct spmc_fixture f;
	struct ffa_value v;
	uint64_t max;

	init(&f);
	max = max_pages(&f);
	v = map(&f, f.nw, FFA_RXTX_MAP_64, NS_TX, NS_TX + max * 0x1000, max);
	expect_ffa_success(&v, 0, false);
	cr_assert_eq(f.nw->rxtx.page_count, max);
	spmc_fixture_fini(&f);
}

/* Buffers must be 4 KiB aligned. */
Test(rxtx_map, unaligned)
{
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f);
	v = map(&f, f.nw, FFA_RXTX_MAP_64, NS_TX + 0x800, NS_RX, 1);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = map(&f, f.nw, FFA_RXTX_MAP_64, NS_TX, NS_RX + 8, 1);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	expect_unmapped(f.nw);
	spmc_fixture_fini(&f);
}

/* TX and RX may not be the same or overlap. */
Test(rxtx_map, tx_rx_overlap)
{
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f);
	v = map(&f, f.nw, FFA_RXTX_MAP_64, NS_TX, NS_TX, 1);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	/* Two pages each: RX starts inside TX's second page. */
	v = map(&f, f.nw, FFA_RXTX_MAP_64, NS_TX, NS_TX + 0x1000, 2);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = map(&f, f.nw, FFA_RXTX_MAP_64, NS_TX + 0x1000, NS_TX, 2);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	expect_unmapped(f.nw);
	/* Adjacent is fine. */
	v = map(&f, f.nw, FFA_RXTX_MAP_64, NS_TX, NS_TX + 0x2000, 2);
	expect_ffa_success(&v, 0, false);
	spmc_fixture_fini(&f);
}

/*
 * The normal world's buffers must lie in the memory it owns, non-secure RAM: not flash, not
 * secure RAM, not a hole, not a device, not across the end of RAM. Measured on QEMU virt: real
 * Hafnium answers DENIED for every one of them ("not mapped in NWd VM"), real OP-TEE
 * INVALID_PARAMETERS; real TF-A answers INVALID_PARAMETERS where it cannot map them and maps
 * the rest with the non-secure attribute (never reaching secure memory), which ffa-sim, with
 * one address space, refuses as INVALID_PARAMETERS.
 */
Test(rxtx_map, normal_world_outside_its_ram)
{
	static const uint64_t bad_tx[] = {
		FLASH1,             /* flash is not RAM */
		SECURE_RAM,         /* secure RAM is not the normal world's */
		0x20000000ull,      /* nothing there */
		0x09000000ull,      /* the UART */
		NS_RAM_END - 0x1000 /* the second page lies past the end of RAM */
	};
	static const struct {
		const char *spmc;
		enum ffa_error err;
	} pers[] = {{"hafnium:1.2", FFA_DENIED},
		    {"tf-a:1.2", FFA_INVALID_PARAMETERS},
		    {"optee:1.2", FFA_INVALID_PARAMETERS}};

	for (size_t p = 0; p < sizeof(pers) / sizeof(pers[0]); p++) {
		struct spmc_fixture f;
		struct ffa_value v;

		/* x0 only: TF-A leaves x1 of FFA_VERSION as the caller passed it. */
		init_as(&f, pers[p].spmc);
		for (size_t i = 0; i < sizeof(bad_tx) / sizeof(bad_tx[0]); i++) {
			v = map(&f, f.nw, FFA_RXTX_MAP_64, bad_tx[i], NS_RX, 2);
			expect_ffa_error(&v, pers[p].err);
			v = map(&f, f.nw, FFA_RXTX_MAP_64, NS_TX, bad_tx[i], 2);
			expect_ffa_error(&v, pers[p].err);
		}
		expect_unmapped(f.nw);
		spmc_fixture_fini(&f);
	}
}

/* A partition maps in the memory it owns, and may not map non-secure RAM, which it does not. */
Test(rxtx_map, partition_in_secure_ram)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp;
	struct ffa_value v;

	init(&f);
	sp = add_sp(&f, 0x8001, "sp1");
	v = map(&f, sp, FFA_RXTX_MAP_64, NS_TX, NS_RX, 1);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	expect_unmapped(sp);
	v = map(&f, sp, FFA_RXTX_MAP_64, S_TX, S_RX, 1);
	expect_ffa_success(&v, 0, false);
	cr_assert(sp->rxtx.mapped);
	spmc_fixture_fini(&f);
}

/*
 * A partition naming another partition's memory (or secure RAM nobody owns) gets
 * INVALID_PARAMETERS, as Hafnium answers for pages not owned in its stage-2 tables; nothing is
 * mapped, and a later FFA_PARTITION_INFO_GET writes nothing there.
 */
Test(rxtx_map, partition_names_other_partition_memory)
{
	uint64_t sp2_mem = SPMC_FIXTURE_SP_MEM(0x8002);
	struct spmc_fixture f;
	struct spmc_endpoint *sp1, *sp2;
	struct ffa_value v;
	uint8_t *host;

	init(&f);
	sp1 = add_sp(&f, 0x8001, "sp1");
	sp2 = add_sp(&f, 0x8002, "sp2");
	host = fake_memory_ptr(&f.memory, sp2_mem, 0x2000);
	cr_assert_not_null(host);
	memset(host, 0x5a, 0x2000);
	/* RX in sp2's memory, TX in sp1's own; then the other way round; then straddling. */
	v = map(&f, sp1, FFA_RXTX_MAP_64, S_TX, sp2_mem, 1);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = map(&f, sp1, FFA_RXTX_MAP_64, sp2_mem, S_RX, 1);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = map(&f, sp1, FFA_RXTX_MAP_64, S_TX, sp2_mem - 0x1000, 2);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	/* Secure RAM no partition owns. */
	v = map(&f, sp1, FFA_RXTX_MAP_64, S_TX, SPMC_FIXTURE_SP_MEM(0x800f), 1);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	expect_unmapped(sp1);
	/* sp2 itself may. */
	v = map(&f, sp2, FFA_RXTX_MAP_64, sp2_mem + 0x1000, sp2_mem, 1);
	expect_ffa_success(&v, 0, false);
	for (unsigned i = 0; i < 0x2000; i++)
		cr_assert_eq(host[i], 0x5a, "byte %u of sp2's memory changed", i);
	spmc_fixture_fini(&f);
}

/* TX must be writable by its owner, RX readable and RAM: a read-only region serves as RX only. */
Test(rxtx_map, read_only_region)
{
	uint64_t ro = SECURE_RAM + 0xf00000ull;
	struct spmc_fixture f;
	struct spmc_endpoint *sp;
	struct ffa_value v;

	init(&f);
	sp = add_sp(&f, 0x8001, "sp1");
	cr_assert_eq(spmc_mem_owner_add(&sp->mem, ro, 0x1000, SPMC_MEM_READ), SPMC_MEM_OK);
	v = map(&f, sp, FFA_RXTX_MAP_64, ro, S_RX, 1);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	expect_unmapped(sp);
	/* Owned flash is readable but the SPMC cannot write an RX buffer there. */
	cr_assert_eq(spmc_mem_owner_add(&sp->mem, FLASH1, 0x1000, SPMC_MEM_READ), SPMC_MEM_OK);
	v = map(&f, sp, FFA_RXTX_MAP_64, S_TX, FLASH1, 1);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	expect_unmapped(sp);
	v = map(&f, sp, FFA_RXTX_MAP_64, S_TX, ro, 1);
	expect_ffa_success(&v, 0, false);
	spmc_fixture_fini(&f);
}

/* Buffers may not overlap those another endpoint has mapped, even in memory both own (a
 * region two manifests share). */
Test(rxtx_map, overlap_with_other_endpoint)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp1, *sp2;
	struct ffa_value v;

	init(&f);
	sp1 = add_sp(&f, 0x8001, "sp1");
	sp2 = add_sp(&f, 0x8002, "sp2");
	cr_assert_eq(spmc_mem_owner_add(&sp2->mem, S_TX, 0x20000, SPMC_MEM_RW), SPMC_MEM_OK);
	/* sp1: TX S_TX..+0x2000, RX S_TX+0x2000..+0x4000. */
	v = map(&f, sp1, FFA_RXTX_MAP_64, S_TX, S_TX + 0x2000, 2);
	expect_ffa_success(&v, 0, false);
	/* sp2's RX on sp1's TX's second page. */
	v = map(&f, sp2, FFA_RXTX_MAP_64, S_TX + 0x10000, S_TX + 0x1000, 1);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	/* sp2's TX on sp1's RX's second page. */
	v = map(&f, sp2, FFA_RXTX_MAP_64, S_TX + 0x3000, S_TX + 0x10000, 1);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	expect_unmapped(sp2);
	v = map(&f, sp2, FFA_RXTX_MAP_64, S_TX + 0x10000, S_TX + 0x11000, 1);
	expect_ffa_success(&v, 0, false);
	spmc_fixture_fini(&f);
}

/* After a refused map the endpoint can still map valid buffers. */
Test(rxtx_map, refused_map_leaves_no_state)
{
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f);
	v = map(&f, f.nw, FFA_RXTX_MAP_64, NS_TX, NS_RX + 1, 1);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = map(&f, f.nw, FFA_RXTX_MAP_64, NS_TX, NS_RX, 1);
	expect_ffa_success(&v, 0, false);
	spmc_fixture_fini(&f);
}

/* Unmap removes the pair, after which the endpoint may map again (other buffers too). */
Test(rxtx_unmap, unmap_then_map_again)
{
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f);
	v = map(&f, f.nw, FFA_RXTX_MAP_64, NS_TX, NS_RX, 1);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_call1(&f, f.nw, FFA_RXTX_UNMAP, 0);
	expect_ffa_success(&v, 0, false);
	expect_unmapped(f.nw);
	v = map(&f, f.nw, FFA_RXTX_MAP_64, NS_TX + 0x2000, NS_RX + 0x2000, 1);
	expect_ffa_success(&v, 0, false);
	spmc_fixture_fini(&f);
}

/* Unmapping without buffers (or twice) is INVALID_PARAMETERS, as Hafnium answers. */
Test(rxtx_unmap, not_mapped)
{
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f);
	v = spmc_fixture_call1(&f, f.nw, FFA_RXTX_UNMAP, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = map(&f, f.nw, FFA_RXTX_MAP_64, NS_TX, NS_RX, 1);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_call1(&f, f.nw, FFA_RXTX_UNMAP, 0);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_call1(&f, f.nw, FFA_RXTX_UNMAP, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	spmc_fixture_fini(&f);
}

/* w1 names no other endpoint (31:16) and has no bits in 15:0; the buffers stay mapped. */
Test(rxtx_unmap, wrong_id)
{
	static const uint64_t bad[] = {0x00010000, 0x80010000, 0x00000001, 0xffff0000};
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f);
	v = map(&f, f.nw, FFA_RXTX_MAP_64, NS_TX, NS_RX, 1);
	expect_ffa_success(&v, 0, false);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = spmc_fixture_call1(&f, f.nw, FFA_RXTX_UNMAP, bad[i]);
		expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
		cr_assert(f.nw->rxtx.mapped);
	}
	spmc_fixture_fini(&f);
}

/* A partition passes 0 too: naming its own ID is refused (Hafnium, TF-A). */
Test(rxtx_unmap, partition_names_itself)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp;
	struct ffa_value v;

	init(&f);
	sp = add_sp(&f, 0x8001, "sp1");
	v = map(&f, sp, FFA_RXTX_MAP_64, S_TX, S_RX, 1);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_call1(&f, sp, FFA_RXTX_UNMAP, 0x80010000);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = spmc_fixture_call1(&f, sp, FFA_RXTX_UNMAP, 0);
	expect_ffa_success(&v, 0, false);
	expect_unmapped(sp);
	spmc_fixture_fini(&f);
}

/* FFA_RXTX_UNMAP is SMC32: the upper half of x1 is not part of w1. */
Test(rxtx_unmap, ignores_upper_half)
{
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f);
	v = map(&f, f.nw, FFA_RXTX_MAP_64, NS_TX, NS_RX, 1);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_call1(&f, f.nw, FFA_RXTX_UNMAP, 0xc5c5c5c500000000ull);
	expect_ffa_success(&v, 0, false);
	expect_unmapped(f.nw);
	spmc_fixture_fini(&f);
}

/* Unmapping frees the addresses for another endpoint. */
Test(rxtx_unmap, frees_addresses)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp1, *sp2;
	struct ffa_value v;

	init(&f);
	sp1 = add_sp(&f, 0x8001, "sp1");
	sp2 = add_sp(&f, 0x8002, "sp2");
	/* Both own the pages (a region their manifests share). */
	cr_assert_eq(spmc_mem_owner_add(&sp2->mem, S_TX, 0x2000, SPMC_MEM_RW), SPMC_MEM_OK);
	v = map(&f, sp1, FFA_RXTX_MAP_64, S_TX, S_RX, 1);
	expect_ffa_success(&v, 0, false);
	v = map(&f, sp2, FFA_RXTX_MAP_64, S_TX, S_RX, 1);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = spmc_fixture_call1(&f, sp1, FFA_RXTX_UNMAP, 0);
	expect_ffa_success(&v, 0, false);
	v = map(&f, sp2, FFA_RXTX_MAP_64, S_TX, S_RX, 1);
	expect_ffa_success(&v, 0, false);
	spmc_fixture_fini(&f);
}

/* RX_RELEASE without buffers is DENIED. */
Test(rx_release, no_buffers)
{
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f);
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_RELEASE, 0);
	expect_ffa_error(&v, FFA_DENIED);
	spmc_fixture_fini(&f);
}

/* RX_RELEASE when the caller does not own its RX buffer is DENIED. */
Test(rx_release, not_owned)
{
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f);
	v = map(&f, f.nw, FFA_RXTX_MAP_64, NS_TX, NS_RX, 1);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_RELEASE, 0);
	expect_ffa_error(&v, FFA_DENIED);
	spmc_fixture_fini(&f);
}

/* After the SPMC fills the RX buffer the caller owns it; RX_RELEASE gives it back once. */
Test(rx_release, after_partition_info)
{
	static const uint64_t all_partitions[5] = {0, 0, 0, 0, 0}; /* Nil UUID, no flags */
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f);
	add_sp(&f, 0x8001, "sp1");
	v = map(&f, f.nw, FFA_RXTX_MAP_64, NS_TX, NS_RX, 1);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_call(&f, f.nw, FFA_PARTITION_INFO_GET, all_partitions, 5);
	expect_ffa_success(&v, (1u << 2) | (1u << 3), false);
	cr_assert(f.nw->rxtx.rx_full);
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_RELEASE, 0);
	expect_ffa_success(&v, 0, false);
	cr_assert_not(f.nw->rxtx.rx_full);
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_RELEASE, 0);
	expect_ffa_error(&v, FFA_DENIED);
	spmc_fixture_fini(&f);
}

/* w1 bits 15:0 may only be 0 (no hypervisor releases on a VM's behalf here); the buffer stays
 * owned by the caller. */
Test(rx_release, names_other_endpoint)
{
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f);
	v = map(&f, f.nw, FFA_RXTX_MAP_64, NS_TX, NS_RX, 1);
	expect_ffa_success(&v, 0, false);
	f.nw->rxtx.rx_full = true;
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_RELEASE, 1);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	cr_assert(f.nw->rxtx.rx_full);
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_RELEASE, 0);
	expect_ffa_success(&v, 0, false);
	spmc_fixture_fini(&f);
}

/* TF-A's EL3 SPMC and OP-TEE do not look at w1: RX_RELEASE(1) of an owned buffer releases it,
 * of a free one is DENIED, as both answered the probe_send2 recordings. */
Test(rx_release, w1_ignored_by_tf_a_and_optee)
{
	static const char *const spmcs[] = {"tf-a", "optee"};

	for (size_t i = 0; i < sizeof(spmcs) / sizeof(spmcs[0]); i++) {
		struct spmc_fixture f;
		struct ffa_value v;

		init_as(&f, spmcs[i]);
		v = map(&f, f.nw, FFA_RXTX_MAP_64, NS_TX, NS_RX, 1);
		cr_assert_eq((uint32_t)v.x[0], FFA_SUCCESS_32);
		f.nw->rxtx.rx_full = true;
		v = spmc_fixture_call1(&f, f.nw, FFA_RX_RELEASE, 1);
		expect_ffa_success(&v, 0, false);
		cr_assert_not(f.nw->rxtx.rx_full, "%s", spmcs[i]);
		v = spmc_fixture_call1(&f, f.nw, FFA_RX_RELEASE, 1);
		expect_ffa_error(&v, FFA_DENIED);
		spmc_fixture_fini(&f);
	}
}

/* The 32-bit form of a second map is DENIED like the 64-bit one where it exists (OP-TEE). */
Test(rxtx_map, second_map32_denied)
{
	struct spmc_fixture f;
	struct ffa_value v;

	init_as(&f, "optee:1.2");
	v = map(&f, f.nw, FFA_RXTX_MAP_64, NS_TX, NS_RX, 1);
	expect_ffa_success(&v, 0, false);
	v = map(&f, f.nw, FFA_RXTX_MAP_32, NS_TX, NS_RX, 1);
	expect_ffa_error(&v, FFA_DENIED);
	spmc_fixture_fini(&f);
}

/*
 * The SPMC reaches guest memory only through the interface it was given at spmc_init: mapping
 * checks without moving a byte, and the partition descriptors reach the normal world's RX
 * buffer as writes through it (the fake memory counts them), the bytes landing there.
 */
Test(rxtx_map, memory_only_through_interface)
{
	struct spmc_fixture f;
	struct ffa_value v;
	uint64_t nil[5] = {0, 0, 0, 0, 0}; /* a Nil UUID, flags 0 */
	const uint8_t *rx;

	init(&f);
	add_sp(&f, 0x8001, "sp1");
	v = map(&f, f.nw, FFA_RXTX_MAP_64, NS_TX, NS_RX, 1);
	expect_ffa_success(&v, 0, false);
	cr_assert_eq(f.memory.reads + f.memory.writes, 0, "mapping moved bytes");
	v = spmc_fixture_call(&f, f.nw, FFA_PARTITION_INFO_GET, nil, 5);
	cr_assert_eq(v.x[0], FFA_SUCCESS_32);
	cr_assert_eq(v.x[2], 1, "one partition");
	cr_assert_gt(f.memory.writes, 0);
	cr_assert_eq(f.memory.reads, 0);
	rx = fake_memory_ptr(&f.memory, NS_RX, 0x1000);
	cr_assert_eq(rx[0] | rx[1] << 8, 0x8001, "the descriptor is in the RX buffer");
	spmc_fixture_fini(&f);
}

/*
 * An SPMC given no guest memory owns the normal world nothing and backs no buffer: every
 * mapping is refused (Hafnium's answer for memory the normal world does not own, DENIED), and
 * nothing crashes.
 */
Test(rxtx_map, no_guest_memory)
{
	struct spmc_config cfg;
	struct spmc spmc;
	struct spmc_endpoint *nw, *sp;
	struct ffa_value args = {{0}}, v;
	uint32_t rule_version;
	struct diag err;

	cr_assert(spmc_config_parse("hafnium:1.2", &cfg, &err), "%s", err.msg);
	spmc_init(&spmc, &cfg, NULL, NULL);
	nw = spmc_add_endpoint(&spmc, FFA_ID_NS_PHYS, "host", false);
	sp = spmc_add_endpoint(&spmc, 0x8001, "sp1", true);
	cr_assert(nw != NULL && sp != NULL);
	cr_assert_eq(nw->mem.count, 0);
	args.x[0] = FFA_RXTX_MAP_64;
	args.x[1] = NS_TX;
	args.x[2] = NS_RX;
	args.x[3] = 1;
	v = spmc_call(&spmc, nw, &args, &rule_version);
	expect_ffa_error(&v, FFA_DENIED);
	cr_assert_eq(spmc_mem_owner_add(&sp->mem, S_TX, 0x2000, SPMC_MEM_RW), SPMC_MEM_OK);
	args.x[1] = S_TX;
	args.x[2] = S_RX;
	v = spmc_call(&spmc, sp, &args, &rule_version);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	expect_unmapped(nw);
	expect_unmapped(sp);
}
