/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A translation fault on a load: the address is RAM to the platform but absent from the
 * guest's own tables.
 */
#include <sdk/sdk.h>

#include "mmu_setup.h"

int main(void)
{
	uint64_t value;

	if (!mmu_setup(false))
		return 1;
	sdk_printf("about to fault\n");
	__asm__ volatile("ldr %0, [%1]" : "=r"(value) : "r"(MMU_UNMAPPED_RAM) : "memory");
	sdk_printf("read %lx\n", value);
	return 2;
}
