/* SPDX-License-Identifier: BSD-3-Clause */
#include "fake_memory.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

struct fake_region {
	uint64_t base;
	uint64_t size;
	bool ram; /* else flash: read-only to the SPMC */
	bool secure;
};

/* The virt platform's RAM and flash, in its order. */
static const struct fake_region fake_regions[] = {
	{0x00000000ull, 0x04000000ull, false, false},
	{0x04000000ull, 0x04000000ull, false, false},
	{0x0e000000ull, 0x01000000ull, true, true},
	{0x40000000ull, 0x40000000ull, true, false},
};

#define FAKE_REGION_COUNT (sizeof(fake_regions) / sizeof(fake_regions[0]))

void fake_memory_init(struct fake_memory *m)
{
	memset(m, 0, sizeof(*m));
}

void fake_memory_fini(struct fake_memory *m)
{
	for (unsigned i = 0; i < m->chunk_count; i++)
		free(m->chunk[i]);
	memset(m, 0, sizeof(*m));
}

/* The region holding all of [addr, addr + size), or NULL. */
static const struct fake_region *fake_region(uint64_t addr, uint64_t size)
{
	for (unsigned i = 0; i < FAKE_REGION_COUNT; i++) {
		const struct fake_region *r = &fake_regions[i];

		if (addr >= r->base && addr - r->base < r->size &&
		    size <= r->size - (addr - r->base))
			return r;
	}
	return NULL;
}

/* The byte at addr, its chunk allocated (zeroed) on first touch. */
static uint8_t *fake_byte(struct fake_memory *m, uint64_t addr)
{
	uint64_t base = addr & ~(FAKE_MEM_CHUNK - 1);
	unsigned i;

	for (i = 0; i < m->chunk_count && m->chunk_base[i] != base; i++)
		;
	if (i == m->chunk_count) {
		cr_assert_lt(m->chunk_count, FAKE_MEM_MAX_CHUNKS, "fake memory: too many chunks");
		m->chunk[i] = calloc(1, FAKE_MEM_CHUNK);
		cr_assert_not_null(m->chunk[i]);
		m->chunk_base[i] = base;
		m->chunk_count++;
	}
	return m->chunk[i] + (addr - base);
}

static bool fake_backed(void *ctx, uint64_t addr, uint64_t size, bool write)
{
	const struct fake_region *r = fake_region(addr, size);

	(void)ctx;
	return r != NULL && (r->ram || !write);
}

static void fake_read(void *ctx, uint64_t addr, void *dst, uint64_t size)
{
	struct fake_memory *m = ctx;

	m->reads++;
	for (uint64_t i = 0; i < size; i++)
		((uint8_t *)dst)[i] = *fake_byte(m, addr + i);
}

static void fake_write(void *ctx, uint64_t addr, const void *src, uint64_t size)
{
	struct fake_memory *m = ctx;

	m->writes++;
	for (uint64_t i = 0; i < size; i++)
		*fake_byte(m, addr + i) = ((const uint8_t *)src)[i];
}

static bool fake_ram(void *ctx, bool secure, unsigned i, uint64_t *base, uint64_t *size)
{
	(void)ctx;
	for (unsigned k = 0; k < FAKE_REGION_COUNT; k++) {
		const struct fake_region *r = &fake_regions[k];

		if (!r->ram || r->secure != secure)
			continue;
		if (i-- == 0) {
			*base = r->base;
			*size = r->size;
			return true;
		}
	}
	return false;
}

static const struct spmc_mem_ops fake_ops = {
	.backed = fake_backed,
	.read = fake_read,
	.write = fake_write,
	.ram = fake_ram,
};

struct spmc_guest_mem fake_memory_guest(struct fake_memory *m)
{
	return (struct spmc_guest_mem){.ops = &fake_ops, .ctx = m};
}

uint8_t *fake_memory_ptr(struct fake_memory *m, uint64_t addr, uint64_t size)
{
	cr_assert_not_null(fake_region(addr, size), "fake memory: 0x%llx is in no region",
			   (unsigned long long)addr);
	cr_assert_eq(addr & ~(FAKE_MEM_CHUNK - 1), (addr + size - 1) & ~(FAKE_MEM_CHUNK - 1),
		     "fake memory: 0x%llx + 0x%llx crosses a chunk", (unsigned long long)addr,
		     (unsigned long long)size);
	return fake_byte(m, addr);
}
