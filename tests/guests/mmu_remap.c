/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Page tables changing under TLB maintenance, as an operating system changes them:
 * - one virtual page moved to another physical page (break, TLBI VAE1, make): the new page
 *   shows, never the old one;
 * - two address spaces (two TTBR0 roots) mapping the same virtual page to different physical
 *   pages, switched SWITCHES times with a TLBI after each switch, as processes without ASIDs;
 * - a page unmapped by one space and mapped again at another address.
 */
#include <sdk/sdk.h>

#include "mmu_setup.h"
#include "mmu_tables.h"

#define VA 0x0000008000000000ul
#define PA_A (MMU_RAM_BASE + (80ul << 20))
#define PA_B (PA_A + MMU_PAGE)
#define SWITCHES 1000u

static uint64_t space1[MMU_TABLES_MAX][512] __attribute__((aligned(4096)));
static uint64_t space2[MMU_TABLES_MAX][512] __attribute__((aligned(4096)));

static uint64_t rd(uint64_t va)
{
	return *(volatile uint64_t *)va;
}

int main(void)
{
	struct mmu_tables s1, s2;

	if (!mmu_setup(false))
		return 1;
	*(volatile uint64_t *)PA_A = 0xaaaa;
	*(volatile uint64_t *)PA_B = 0xbbbb;
	mmu_tables_init(&s1, space1);
	mmu_tables_init(&s2, space2);
	if (mmu_tables_map_page(&s1, VA, PA_A) != 0 || mmu_tables_map_page(&s2, VA, PA_B) != 0)
		return 2;
	mmu_switch_ttbr0(mmu_tables_root(&s1));
	sdk_printf("before the move: %lx\n", rd(VA));
	/* Break, invalidate, make: the same virtual page now shows PA_B. */
	mmu_tables_unmap_page(&s1, VA);
	mmu_tlbi_va(VA);
	mmu_tables_map_page(&s1, VA, PA_B);
	mmu_tlbi_va(VA);
	sdk_printf("after the move: %lx\n", rd(VA));
	*(volatile uint64_t *)VA = 0xbbbc;
	sdk_printf("write through the moved page reaches B: %lx\n", rd(PA_B));
	mmu_tables_unmap_page(&s1, VA);
	mmu_tables_map_page(&s1, VA, PA_A);
	mmu_tlbi_va(VA);

	unsigned bad = 0;
	for (unsigned i = 0; i < SWITCHES; i++) {
		mmu_switch_ttbr0(mmu_tables_root(i % 2 == 0 ? &s2 : &s1));
		if (rd(VA) != (i % 2 == 0 ? 0xbbbcul : 0xaaaaul))
			bad++;
	}
	sdk_printf("%u address-space switches, %u wrong reads\n", SWITCHES, bad);
	/* A page gone from one space and mapped at another address. */
	mmu_tables_unmap_page(&s2, VA);
	mmu_tables_map_page(&s2, VA + (1ul << 30), PA_A);
	mmu_switch_ttbr0(mmu_tables_root(&s2));
	sdk_printf("remapped 1 GiB higher: %lx\n", rd(VA + (1ul << 30)));
	return bad != 0 ? 3 : 0;
}
