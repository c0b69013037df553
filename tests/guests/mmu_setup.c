/* SPDX-License-Identifier: BSD-3-Clause */
#include <sdk/sdk.h>

#include "mmu_setup.h"

#define PAGE_SIZE 0x1000ul

bool mmu_setup(bool high)
{
	enum sdk_mmu_err err;

	sdk_mmu_init();
	err = sdk_mmu_map_block(MMU_RAM_BASE, MMU_RAM_BASE, MMU_RAM_SIZE, SDK_MMU_NORMAL);
	if (err == SDK_MMU_OK)
		err = sdk_mmu_map_block(sdk_uart_get_base(), sdk_uart_get_base(), PAGE_SIZE,
					SDK_MMU_DEVICE);
	if (err == SDK_MMU_OK && high)
		err = sdk_mmu_map_block(MMU_HIGH_BASE, MMU_RAM_BASE, MMU_RAM_SIZE, SDK_MMU_NORMAL);
	if (err == SDK_MMU_OK)
		err = sdk_mmu_enable();
	if (err != SDK_MMU_OK) {
		sdk_printf("mmu setup failed at EL%u: %s\n", sdk_current_el(),
			   sdk_mmu_strerror(err));
		return false;
	}
	return true;
}
