/* SPDX-License-Identifier: BSD-3-Clause */
/* A store to flash, which guests may read and execute but not write. */
#include <sdk/sdk.h>

#define FLASH_ADDR 0x1000ul

int main(void)
{
	sdk_printf("about to fault\n");
	__asm__ volatile("str %0, [%1]" : : "r"(0x1234ul), "r"(FLASH_ADDR) : "memory");
	sdk_printf("write went through\n");
	return 1;
}
