/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Guest memory by owner (spmc/memory.c): which bytes an endpoint owns, with which access, and
 * reads and writes that move bytes only when every one of them is owned and backed by RAM.
 * Runs over a fake of the virt platform's memory (tests/fake_memory.h): non-secure RAM at
 * 0x40000000 (1 GiB), secure RAM at 0x0e000000 (16 MiB), flash at 0x0 and 0x04000000.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "fake_memory.h"
#include "spmc/memory.h"

#define NS_RAM 0x40000000ull
#define NS_RAM_SIZE 0x40000000ull
#define S_RAM 0x0e000000ull
#define FLASH0 0x0ull

struct mem_fixture {
	struct fake_memory memory;
	struct spmc_guest_mem guest; /* the interface over it */
};

static void setup(struct mem_fixture *f)
{
	fake_memory_init(&f->memory);
	f->guest = fake_memory_guest(&f->memory);
}

static void teardown(struct mem_fixture *f)
{
	fake_memory_fini(&f->memory);
}

/* A zeroed owner owns nothing; an empty or wrapping range is never owned nor added. */
Test(spmc_memory, empty_and_wrapping)
{
	struct spmc_mem_owner o = {0};

	cr_assert_not(spmc_mem_owns(&o, NS_RAM, 1, 0));
	cr_assert_eq(spmc_mem_owner_add(&o, NS_RAM, 0, SPMC_MEM_RW), SPMC_MEM_NOT_OWNED);
	cr_assert_eq(spmc_mem_owner_add(&o, UINT64_MAX - 0xfff, 0x2000, SPMC_MEM_RW),
		     SPMC_MEM_NOT_OWNED);
	cr_assert_eq(spmc_mem_owner_add(&o, NS_RAM, 0x1000, SPMC_MEM_RW), SPMC_MEM_OK);
	cr_assert_not(spmc_mem_owns(&o, NS_RAM, 0, 0));
	cr_assert_not(spmc_mem_owns(&o, NS_RAM + 0x800, UINT64_MAX, 0));
	cr_assert(spmc_mem_owns(&o, NS_RAM, 0x1000, SPMC_MEM_RW));
	cr_assert_not(spmc_mem_owns(&o, NS_RAM, 0x1001, SPMC_MEM_RW));
	cr_assert_not(spmc_mem_owns(&o, NS_RAM - 1, 2, SPMC_MEM_RW));
}

/* Adjoining ranges (a partition's memory and the region after it) cover a buffer across the
 * seam; a gap between them does not. */
Test(spmc_memory, adjoining_ranges)
{
	struct spmc_mem_owner o = {0};

	cr_assert_eq(spmc_mem_owner_add(&o, S_RAM + 0x2000, 0x1000, SPMC_MEM_RW), SPMC_MEM_OK);
	cr_assert_eq(spmc_mem_owner_add(&o, S_RAM, 0x2000, SPMC_MEM_RW), SPMC_MEM_OK);
	cr_assert(spmc_mem_owns(&o, S_RAM + 0x1000, 0x2000, SPMC_MEM_RW));
	cr_assert_eq(spmc_mem_owner_add(&o, S_RAM + 0x4000, 0x1000, SPMC_MEM_RW), SPMC_MEM_OK);
	cr_assert_not(spmc_mem_owns(&o, S_RAM + 0x2000, 0x3000, 0));
}

/* Access: a read-only range reads, never writes; the status says which rule failed. */
Test(spmc_memory, access)
{
	struct mem_fixture f;
	struct spmc_mem_owner o = {0};
	uint8_t b[16] = {0};

	setup(&f);
	cr_assert_eq(spmc_mem_owner_add(&o, S_RAM, 0x1000, SPMC_MEM_READ), SPMC_MEM_OK);
	cr_assert_eq(spmc_mem_check(&f.guest, &o, S_RAM, 16, SPMC_MEM_READ), SPMC_MEM_OK);
	cr_assert_eq(spmc_mem_write(&f.guest, &o, S_RAM, b, 16), SPMC_MEM_NO_ACCESS);
	cr_assert_eq(spmc_mem_read(&f.guest, &o, S_RAM + 0x1000, b, 16), SPMC_MEM_NOT_OWNED);
	cr_assert_str_eq(spmc_mem_strerror(SPMC_MEM_NO_ACCESS), "owned without the access needed");
	teardown(&f);
}

/* Taking the proxy's reserved memory out of the host's RAM splits the range; the hole is not
 * owned, both sides are; taking out a head, a tail or a whole range works too. */
Test(spmc_memory, remove_splits)
{
	struct mem_fixture f;
	struct spmc_mem_owner o = {0};
	uint64_t hole = NS_RAM + 0x100000;

	setup(&f);
	cr_assert_eq(spmc_mem_owner_add_ram(&o, &f.guest, false), SPMC_MEM_OK);
	cr_assert_eq(o.count, 1);
	cr_assert(spmc_mem_owns(&o, NS_RAM, NS_RAM_SIZE, SPMC_MEM_RW));
	cr_assert_not(spmc_mem_owns(&o, S_RAM, 0x1000, 0), "secure RAM is not the normal world's");
	cr_assert_eq(spmc_mem_owner_remove(&o, hole, 0x10000), SPMC_MEM_OK);
	cr_assert_eq(o.count, 2);
	cr_assert(spmc_mem_owns(&o, hole - 0x1000, 0x1000, SPMC_MEM_RW));
	cr_assert(spmc_mem_owns(&o, hole + 0x10000, 0x1000, SPMC_MEM_RW));
	cr_assert_not(spmc_mem_owns(&o, hole + 0xf000, 0x1000, 0));
	cr_assert_not(spmc_mem_owns(&o, hole - 0x1000, 0x2000, 0));
	/* The head, then the tail, then what is left. */
	cr_assert_eq(spmc_mem_owner_remove(&o, NS_RAM, 0x1000), SPMC_MEM_OK);
	cr_assert_not(spmc_mem_owns(&o, NS_RAM, 1, 0));
	cr_assert_eq(spmc_mem_owner_remove(&o, NS_RAM + NS_RAM_SIZE - 0x1000, 0x1000), SPMC_MEM_OK);
	cr_assert_not(spmc_mem_owns(&o, NS_RAM + NS_RAM_SIZE - 1, 1, 0));
	cr_assert_eq(spmc_mem_owner_remove(&o, NS_RAM, NS_RAM_SIZE), SPMC_MEM_OK);
	cr_assert_eq(o.count, 0);
	teardown(&f);
}

/* A full owner refuses another range, and a split that needs one. */
Test(spmc_memory, full)
{
	struct spmc_mem_owner o = {0};

	for (unsigned i = 0; i < SPMC_MEM_MAX_RANGES; i++)
		cr_assert_eq(spmc_mem_owner_add(&o, S_RAM + i * 0x2000ull, 0x2000, SPMC_MEM_RW),
			     SPMC_MEM_OK);
	cr_assert_eq(spmc_mem_owner_add(&o, NS_RAM, 0x1000, SPMC_MEM_RW), SPMC_MEM_FULL);
	cr_assert_eq(spmc_mem_owner_remove(&o, S_RAM + 0x800, 0x800), SPMC_MEM_FULL);
}

/* Writes land only where they are owned and backed by RAM: flash is owned-but-read-only
 * memory, a hole has nothing behind it; a refused write changes no byte. */
Test(spmc_memory, read_write_backing)
{
	struct mem_fixture f;
	struct spmc_mem_owner o = {0};
	uint8_t in[32], out[32];
	uint8_t *host;

	setup(&f);
	memset(in, 0xa5, sizeof(in));
	cr_assert_eq(spmc_mem_owner_add(&o, S_RAM, 0x1000, SPMC_MEM_RW), SPMC_MEM_OK);
	cr_assert_eq(spmc_mem_owner_add(&o, FLASH0, 0x1000, SPMC_MEM_RW), SPMC_MEM_OK);
	cr_assert_eq(spmc_mem_owner_add(&o, 0x20000000ull, 0x1000, SPMC_MEM_RW), SPMC_MEM_OK);
	cr_assert_eq(spmc_mem_write(&f.guest, &o, S_RAM + 8, in, sizeof(in)), SPMC_MEM_OK);
	host = fake_memory_ptr(&f.memory, S_RAM, 0x1000);
	cr_assert_eq(memcmp(host + 8, in, sizeof(in)), 0);
	cr_assert_eq(spmc_mem_read(&f.guest, &o, S_RAM + 8, out, sizeof(out)), SPMC_MEM_OK);
	cr_assert_eq(memcmp(out, in, sizeof(in)), 0);
	cr_assert_eq(spmc_mem_write(&f.guest, &o, FLASH0, in, sizeof(in)), SPMC_MEM_NOT_BACKED);
	cr_assert_eq(spmc_mem_read(&f.guest, &o, FLASH0, out, sizeof(out)), SPMC_MEM_OK);
	cr_assert_eq(spmc_mem_write(&f.guest, &o, 0x20000000ull, in, 4), SPMC_MEM_NOT_BACKED);
	/* Straddling the end of the owned page: refused, nothing written. */
	cr_assert_eq(spmc_mem_write(&f.guest, &o, S_RAM + 0x1000 - 16, in, sizeof(in)),
		     SPMC_MEM_NOT_OWNED);
	for (unsigned i = 0x1000 - 16; i < 0x1000; i++)
		cr_assert_eq(host[i], 0, "byte 0x%x written", i);
	cr_assert_eq(spmc_mem_check(NULL, &o, S_RAM, 16, SPMC_MEM_READ), SPMC_MEM_NOT_BACKED);
	teardown(&f);
}

/*
 * The checks come before the memory is reached: a refused read or write never calls the
 * interface, an allowed one calls it once; memory without an interface backs nothing and gives
 * nobody RAM.
 */
Test(spmc_memory, interface_reached_only_after_checks)
{
	struct mem_fixture f;
	struct spmc_mem_owner o = {0};
	struct spmc_guest_mem none = {0};
	uint8_t b[16] = {0};
	uint64_t base, size;

	setup(&f);
	cr_assert_eq(spmc_mem_owner_add(&o, S_RAM, 0x1000, SPMC_MEM_READ), SPMC_MEM_OK);
	cr_assert_eq(spmc_mem_write(&f.guest, &o, S_RAM, b, 16), SPMC_MEM_NO_ACCESS);
	cr_assert_eq(spmc_mem_read(&f.guest, &o, NS_RAM, b, 16), SPMC_MEM_NOT_OWNED);
	cr_assert_eq(f.memory.reads + f.memory.writes, 0);
	cr_assert_eq(spmc_mem_read(&f.guest, &o, S_RAM, b, 16), SPMC_MEM_OK);
	cr_assert_eq(f.memory.reads, 1);
	cr_assert_eq(spmc_mem_read(&none, &o, S_RAM, b, 16), SPMC_MEM_NOT_BACKED);
	cr_assert_eq(spmc_mem_owner_add_ram(&o, &none, false), SPMC_MEM_OK);
	cr_assert_eq(o.count, 1, "no RAM without an interface");
	cr_assert_not(spmc_mem_first_ram(&none, false, &base, &size));
	cr_assert(spmc_mem_first_ram(&f.guest, false, &base, &size));
	cr_assert_eq(base, NS_RAM);
	cr_assert_eq(size, NS_RAM_SIZE);
	cr_assert(spmc_mem_first_ram(&f.guest, true, &base, &size));
	cr_assert_eq(base, S_RAM);
	teardown(&f);
}
