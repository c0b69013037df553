/* SPDX-License-Identifier: BSD-3-Clause */
/* A branch to an address with nothing behind it (instruction fetch fault). */
#include <sdk/sdk.h>

#define UNMAPPED 0x7000000000ul

int main(void)
{
	sdk_printf("about to fault\n");
	__asm__ volatile("br %0" : : "r"(UNMAPPED) : "memory");
	sdk_printf("branch returned\n");
	return 1;
}
