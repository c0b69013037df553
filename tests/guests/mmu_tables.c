/* SPDX-License-Identifier: BSD-3-Clause */
#include <sdk/sdk.h>
#include <sdk/mmu.h>
#include <sdk/string.h>
#include <sdk/sysreg.h>

#include "mmu_tables.h"

#define DESC_TABLE 3ull
#define DESC_PAGE 3ull
#define DESC_ADDR 0x0000fffffffff000ull
#define AP_EL0_RW (1ull << 6)

void mmu_tables_init(struct mmu_tables *t, uint64_t (*buf)[512])
{
	const uint64_t *sdk_root = (const uint64_t *)(uintptr_t)sdk_mmu_ttbr0();

	t->tables = buf;
	t->used = 1;
	memset(buf, 0, MMU_TABLES_MAX * sizeof(buf[0]));
	memcpy(buf[0], sdk_root, sizeof(buf[0]));
}

/* The next-level table entry e points to, made when invalid. NULL when out of tables. */
static uint64_t *next_table(struct mmu_tables *t, uint64_t *e)
{
	if ((*e & 3) == DESC_TABLE)
		return (uint64_t *)(uintptr_t)(*e & DESC_ADDR);
	if (t->used == MMU_TABLES_MAX)
		return 0;
	*e = (uint64_t)(uintptr_t)t->tables[t->used] | DESC_TABLE;
	return t->tables[t->used++];
}

static uint64_t *leaf(struct mmu_tables *t, uint64_t va)
{
	uint64_t *table = t->tables[0];

	for (unsigned level = 0; level < 3; level++) {
		table = next_table(t, &table[(va >> (39 - 9 * level)) & 511]);
		if (table == 0)
			return 0;
	}
	return &table[(va >> 12) & 511];
}

int mmu_tables_map_page(struct mmu_tables *t, uint64_t va, uint64_t pa)
{
	uint64_t *e = leaf(t, va);

	if (e == 0)
		return -1;
	*e = (pa & DESC_ADDR) | SDK_MMU_NORMAL | AP_EL0_RW | DESC_PAGE;
	return 0;
}

int mmu_tables_set_page(struct mmu_tables *t, uint64_t va, uint64_t desc)
{
	uint64_t *e = leaf(t, va);

	if (e == 0)
		return -1;
	*e = desc;
	return 0;
}

void mmu_tables_unmap_page(struct mmu_tables *t, uint64_t va)
{
	uint64_t *e = leaf(t, va);

	if (e != 0)
		*e = 0;
}

uint64_t mmu_tables_root(const struct mmu_tables *t)
{
	return (uint64_t)(uintptr_t)t->tables[0];
}

void mmu_tlbi_all(void)
{
	__asm__ volatile("dsb ishst\n\ttlbi vmalle1\n\tdsb ish\n\tisb" : : : "memory");
}

void mmu_tlbi_va(uint64_t va)
{
	__asm__ volatile("dsb ishst\n\ttlbi vae1, %0\n\tdsb ish\n\tisb"
			 :
			 : "r"(va >> 12)
			 : "memory");
}

void mmu_switch_ttbr0(uint64_t root)
{
	sdk_write_sysreg(TTBR0_EL1, root);
	mmu_tlbi_all();
}
