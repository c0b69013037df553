/* SPDX-License-Identifier: BSD-3-Clause */
/* A supervisor call with no handler behind it. */
#include <sdk/sdk.h>

int main(void)
{
	sdk_printf("about to fault\n");
	__asm__ volatile("svc #0" : : : "memory");
	sdk_printf("svc returned\n");
	return 1;
}
