/* SPDX-License-Identifier: BSD-3-Clause */
/* A software breakpoint with immediate 7. */
#include <sdk/sdk.h>

int main(void)
{
	sdk_printf("about to fault\n");
	__asm__ volatile("brk #0x7" : : : "memory");
	sdk_printf("brk returned\n");
	return 1;
}
