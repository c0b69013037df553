/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * TTBR1 translation: RAM also mapped at 0xffff000040000000. Data written through one alias
 * is read back through the other, then code runs at its high alias.
 */
#include <sdk/sdk.h>

#include "mmu_setup.h"

static volatile uint64_t shared_word;

static uintptr_t high_alias(uintptr_t addr)
{
	return addr - MMU_RAM_BASE + MMU_HIGH_BASE;
}

/*
 * Called at its high alias. Everything it reaches is PC-relative (the calls, the format
 * string, the UART base variable) and so also goes through the alias; the UART itself is
 * at its identity address, still mapped through TTBR0.
 */
static __attribute__((noinline)) void run_high(void)
{
	uint64_t pc;

	__asm__ volatile("adr %0, ." : "=r"(pc));
	sdk_printf("running high pc=%lx\n", pc);
}

int main(void)
{
	volatile uint64_t *low = &shared_word;
	volatile uint64_t *high = (volatile uint64_t *)high_alias((uintptr_t)&shared_word);
	void (*high_fn)(void) = (void (*)(void))high_alias((uintptr_t)&run_high);

	if (!mmu_setup(true))
		return 1;

	*high = 0x1234567890abcdefull;
	if (*low != 0x1234567890abcdefull) {
		sdk_printf("high write not seen low: %lx\n", *low);
		return 2;
	}
	*low = 0xfedcba0987654321ull;
	if (*high != 0xfedcba0987654321ull) {
		sdk_printf("low write not seen high: %lx\n", *high);
		return 3;
	}

	high_fn();
	sdk_printf("high map ok\n");
	return 0;
}
