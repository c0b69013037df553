/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The first touch of a virtual-address alias is an instruction fetch: code is called at its
 * TTBR1 alias (0xffff000040000000 + offset) before anything reads or writes through it, as an
 * operating system's first branch into its virtual mapping does. Then a DC ZVA is the first
 * touch of another alias page.
 */
#include <sdk/sdk.h>

#include "mmu_setup.h"

/* In another 2 MiB block than the image, so that no earlier alias covers it. */
#define ZERO_TARGET (MMU_RAM_BASE + (64ul << 20))

static uintptr_t high_alias(uintptr_t addr)
{
	return addr - MMU_RAM_BASE + MMU_HIGH_BASE;
}

static __attribute__((noinline)) uint64_t where_am_i(void)
{
	uint64_t pc;

	__asm__ volatile("adr %0, ." : "=r"(pc));
	return pc;
}

int main(void)
{
	uint64_t (*high_fn)(void) = (uint64_t(*)(void))high_alias((uintptr_t)&where_am_i);
	uint64_t pc;
	volatile uint8_t *zero_target = (volatile uint8_t *)ZERO_TARGET;
	uint8_t *zhigh = (uint8_t *)high_alias(ZERO_TARGET);

	for (unsigned i = 0; i < 64; i++)
		zero_target[i] = 0xa5;
	if (!mmu_setup(true))
		return 1;
	pc = high_fn();
	sdk_printf("fetched first at its alias: pc %s\n", pc >= MMU_HIGH_BASE ? "high" : "low");
	__asm__ volatile("dc zva, %0" : : "r"(zhigh) : "memory");
	sdk_printf("dc zva first: %u %u\n", zero_target[0], zero_target[63]);
	return pc >= MMU_HIGH_BASE && zero_target[0] == 0 ? 0 : 2;
}
