/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Stage-1 EL1&0 translation tables (Arm ARM (DDI 0487) D8: VMSAv8-64 translation). 4 KiB
 * granule, T0SZ = T1SZ = 16: a walk starts at level 0 and each level resolves 9 bits of the
 * address (level 0: bits [47:39], 1: [38:30], 2: [29:21], 3: [20:12]).
 */
#include <stdbool.h>
#include <stdint.h>

#include <sdk/mmu.h>
#include <sdk/string.h>
#include <sdk/sysreg.h>

#define ENTRIES 512u
#define PAGE_SIZE 0x1000ull
#define BLOCK_SIZE 0x200000ull        /* level 2 block */
#define OA_MASK 0x0000fffffffff000ull /* output address bits [47:12] */

/* Descriptor types, bits [1:0] (D8.3.1). */
#define DESC_INVALID 0u
#define DESC_BLOCK 1u /* levels 1 and 2 */
#define DESC_TABLE 3u /* levels 0-2 */
#define DESC_PAGE 3u  /* level 3 */
#define DESC_TYPE_MASK 3u

/* MAIR_EL1: attr 0 = 0x00 Device-nGnRnE, attr 1 = 0xff Normal inner/outer WB RW-allocate. */
#define MAIR_VALUE 0xff00ull

/* TCR_EL1 fields (D17.2 TCR_EL1). */
#define TCR_T0SZ(x) ((uint64_t)(x) << 0)
#define TCR_IRGN0_WBWA (1ull << 8)
#define TCR_ORGN0_WBWA (1ull << 10)
#define TCR_SH0_INNER (3ull << 12)
#define TCR_TG0_4K (0ull << 14)
#define TCR_T1SZ(x) ((uint64_t)(x) << 16)
#define TCR_IRGN1_WBWA (1ull << 24)
#define TCR_ORGN1_WBWA (1ull << 26)
#define TCR_SH1_INNER (3ull << 28)
#define TCR_TG1_4K (2ull << 30)
#define TCR_IPS_36BIT (1ull << 32)
#define TCR_VALUE                                                                                  \
	(TCR_T0SZ(16) | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER | TCR_TG0_4K |             \
	 TCR_T1SZ(16) | TCR_IRGN1_WBWA | TCR_ORGN1_WBWA | TCR_SH1_INNER | TCR_TG1_4K |             \
	 TCR_IPS_36BIT)

#define SCTLR_M (1ull << 0)
#define SCTLR_C (1ull << 2)
#define SCTLR_I (1ull << 12)

/* Table 0 is the TTBR0 root, table 1 the TTBR1 root, the rest are handed out in order. */
#define TABLE_TTBR0 0u
#define TABLE_TTBR1 1u

/*
 * Not in .bss: crt0 does not zero this section (sdk_mmu_init does), so guests that never use
 * the MMU do not pay for clearing 64 KiB at start-up.
 */
static uint64_t tables[SDK_MMU_MAX_TABLES][ENTRIES]
	__attribute__((section(".sdk_pgtables"), aligned(4096)));
static unsigned tables_used;

const char *sdk_mmu_strerror(enum sdk_mmu_err err)
{
	switch (err) {
	case SDK_MMU_OK:
		return "ok";
	case SDK_MMU_ERR_ALIGN:
		return "address or size not 4 KiB aligned";
	case SDK_MMU_ERR_RANGE:
		return "address out of range";
	case SDK_MMU_ERR_NOMEM:
		return "out of translation tables";
	case SDK_MMU_ERR_OVERLAP:
		return "mapping conflicts with an existing block or table";
	case SDK_MMU_ERR_EL:
		return "not at EL1";
	}
	return "unknown error";
}

void sdk_mmu_init(void)
{
	memset(tables, 0, sizeof(tables));
	tables_used = 2;
}

uint64_t sdk_mmu_ttbr0(void)
{
	return (uint64_t)(uintptr_t)tables[TABLE_TTBR0];
}

uint64_t sdk_mmu_ttbr1(void)
{
	return (uint64_t)(uintptr_t)tables[TABLE_TTBR1];
}

static unsigned index_at(uint64_t va, unsigned level)
{
	return (unsigned)(va >> (39 - 9 * level)) & (ENTRIES - 1);
}

/*
 * The next-level table behind entry (allocating an empty one if the entry is invalid), or
 * NULL with *err set.
 */
static uint64_t *next_table(uint64_t *entry, enum sdk_mmu_err *err)
{
	uint64_t *t;

	if ((*entry & DESC_TYPE_MASK) == DESC_TABLE)
		return (uint64_t *)(uintptr_t)(*entry & OA_MASK);
	if ((*entry & DESC_TYPE_MASK) != DESC_INVALID) {
		*err = SDK_MMU_ERR_OVERLAP;
		return NULL;
	}
	if (tables_used >= SDK_MMU_MAX_TABLES) {
		*err = SDK_MMU_ERR_NOMEM;
		return NULL;
	}
	t = tables[tables_used++];
	*entry = ((uint64_t)(uintptr_t)t & OA_MASK) | DESC_TABLE;
	return t;
}

/* Maps one 2 MiB block (block = true) or one 4 KiB page at va. */
static enum sdk_mmu_err map_one(uint64_t va, uint64_t pa, uint64_t attrs, bool block)
{
	bool high = (va >> 48) == 0xffffu;
	uint64_t *t = tables[high ? TABLE_TTBR1 : TABLE_TTBR0];
	unsigned last = block ? 2 : 3;
	enum sdk_mmu_err err = SDK_MMU_OK;

	for (unsigned level = 0; level < last; level++) {
		t = next_table(&t[index_at(va, level)], &err);
		if (!t)
			return err;
	}
	if (block && (t[index_at(va, 2)] & DESC_TYPE_MASK) == DESC_TABLE)
		return SDK_MMU_ERR_OVERLAP; /* would orphan a page table */
	t[index_at(va, last)] =
		(pa & OA_MASK) | attrs | SDK_MMU_AF | (block ? DESC_BLOCK : DESC_PAGE);
	return SDK_MMU_OK;
}

enum sdk_mmu_err sdk_mmu_map_block(uint64_t va, uint64_t pa, uint64_t size, uint64_t attrs)
{
	uint64_t top = va >> 48;

	if (((va | pa | size) & (PAGE_SIZE - 1)) != 0)
		return SDK_MMU_ERR_ALIGN;
	if ((top != 0 && top != 0xffffu) || (pa & ~OA_MASK & ~(PAGE_SIZE - 1)) != 0)
		return SDK_MMU_ERR_RANGE;
	/* Keep the output address and type bits for the descriptor itself. */
	attrs &= ~(OA_MASK | DESC_TYPE_MASK);

	while (size) {
		bool block = ((va | pa) & (BLOCK_SIZE - 1)) == 0 && size >= BLOCK_SIZE;
		uint64_t step = block ? BLOCK_SIZE : PAGE_SIZE;
		enum sdk_mmu_err err = map_one(va, pa, attrs, block);

		if (err != SDK_MMU_OK)
			return err;
		va += step;
		pa += step;
		size -= step;
	}
	return SDK_MMU_OK;
}

enum sdk_mmu_err sdk_mmu_enable(void)
{
	uint64_t sctlr;

	if (sdk_current_el() != 1)
		return SDK_MMU_ERR_EL;

	/*
	 * The tables were written with the MMU off (non-cacheable); the walker reads them
	 * cacheable (IRGN/ORGN WB), so drop any stale cached copy first (D7.5.9).
	 */
	for (uintptr_t p = (uintptr_t)tables; p < (uintptr_t)tables + sizeof(tables); p += 64)
		__asm__ volatile("dc ivac, %0" : : "r"(p) : "memory");
	__asm__ volatile("dsb ish" : : : "memory");

	sdk_write_sysreg(MAIR_EL1, MAIR_VALUE);
	sdk_write_sysreg(TCR_EL1, TCR_VALUE);
	sdk_write_sysreg(TTBR0_EL1, sdk_mmu_ttbr0());
	sdk_write_sysreg(TTBR1_EL1, sdk_mmu_ttbr1());
	sdk_isb();
	__asm__ volatile("tlbi vmalle1\n\tdsb ish\n\tisb" : : : "memory");

	sctlr = sdk_read_sysreg(SCTLR_EL1);
	sctlr |= SCTLR_M | SCTLR_C | SCTLR_I;
	sdk_write_sysreg(SCTLR_EL1, sctlr);
	sdk_isb();
	return SDK_MMU_OK;
}
