/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 2,000 single 4 KiB pages at virtual addresses of their own (each to another physical page, in
 * reverse order, so no two share a block): each is written through its virtual address and read
 * back through the identity map, as an operating system's first thousands of pages are.
 */
#include <sdk/sdk.h>

#include "mmu_setup.h"
#include "mmu_tables.h"

#define PAGES 2000u
#define VA_BASE 0x0000008000000000ul /* TTBR0 level 0 index 1 */
#define PA_BASE (MMU_RAM_BASE + (64ul << 20))

static uint64_t buf[MMU_TABLES_MAX][512] __attribute__((aligned(4096)));

int main(void)
{
	struct mmu_tables t;

	if (!mmu_setup(false))
		return 1;
	mmu_tables_init(&t, buf);
	for (unsigned i = 0; i < PAGES; i++) {
		if (mmu_tables_map_page(&t, VA_BASE + i * MMU_PAGE,
					PA_BASE + (PAGES - 1 - i) * MMU_PAGE) != 0) {
			sdk_printf("out of tables at page %u\n", i);
			return 2;
		}
	}
	mmu_switch_ttbr0(mmu_tables_root(&t));
	for (unsigned i = 0; i < PAGES; i++)
		*(volatile uint64_t *)(VA_BASE + i * MMU_PAGE + 8 * (i % 512)) =
			0x5a5a000000000000ul | i;
	for (unsigned i = 0; i < PAGES; i++) {
		uint64_t pa = PA_BASE + (PAGES - 1 - i) * MMU_PAGE + 8 * (i % 512);
		uint64_t got = *(volatile uint64_t *)pa;

		if (got != (0x5a5a000000000000ul | i)) {
			sdk_printf("page %u: read %lx through its physical address\n", i, got);
			return 3;
		}
	}
	sdk_printf("%u pages written through their own virtual addresses\n", PAGES);
	return 0;
}
