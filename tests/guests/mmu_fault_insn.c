/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A translation fault on an instruction fetch: the target is RAM to the platform but absent
 * from the guest's own tables.
 */
#include <sdk/sdk.h>

#include "mmu_setup.h"

int main(void)
{
	if (!mmu_setup(false))
		return 1;
	sdk_printf("about to fault\n");
	__asm__ volatile("br %0" : : "r"(MMU_UNMAPPED_RAM) : "memory");
	sdk_printf("branch returned\n");
	return 2;
}
