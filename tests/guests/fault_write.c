/* SPDX-License-Identifier: BSD-3-Clause */
/* A store to an address with nothing behind it. */
#include <sdk/sdk.h>

#define UNMAPPED 0x7000000000ul

int main(void)
{
	sdk_printf("about to fault\n");
	__asm__ volatile("str %0, [%1]" : : "r"(0x1234ul), "r"(UNMAPPED) : "memory");
	sdk_printf("write went through\n");
	return 1;
}
